// node's side of the TCP echo comparison: node benchmarks/node/echo.js PORT
const net = require('net');
const port = Number(process.argv[2] || 7000);
net.createServer((s) => { s.on('error', () => {}); s.pipe(s); })
  .listen(port, '127.0.0.1', () => console.log(`node echo on ${port}`));
