// One HTTP GET, the body to stdout, as Stardust's http-client example. Usage: node get.js URL
const http = require('http');
http.get(process.argv[2], (res) => {
  process.exitCode = res.statusCode < 400 ? 0 : 1;
  res.pipe(process.stdout);
}).on('error', (e) => { console.error('error: ' + e.message); process.exitCode = 1; });
