// node's http hello, the same response as Stardust's hello example. Usage: node hello.js PORT
const http = require('http');
http.createServer((req, res) => {
  res.writeHead(200, {'Content-Type': 'text/plain'});
  res.end('Hello world\n');
}).listen(+process.argv[2], () => console.log('ready'));
