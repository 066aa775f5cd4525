// node's side of the WebSocket echo comparison: NODE_PATH=benchmarks/target/node-ws/node_modules node ws-echo.js PORT
// The `ws` package (pinned in ws-bench.sh, the version runtime-websocket's tests use), without its optional native
// add-ons (bufferutil, utf-8-validate), as `npm install ws` gives by default; no permessage-deflate (ws's server
// default). Each message goes back as it came: text as text, binary as binary.
const { WebSocketServer } = require('ws');
const port = Number(process.argv[2] || 8080);
const wss = new WebSocketServer({ host: '127.0.0.1', port }, () => console.log(`node ws ${require('ws/package.json').version} echo on ${port}`));
wss.on('connection', (ws) => {
  ws.on('error', () => {});
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
