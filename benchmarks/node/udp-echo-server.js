// node's dgram echo server, the counterpart of UdpEchoServer: node udp-echo-server.js PORT
const dgram = require('dgram');
const port = Number(process.argv[2]);
const socket = dgram.createSocket('udp4');
socket.on('message', (msg, rinfo) => socket.send(msg, rinfo.port, rinfo.address));
socket.bind(port, '127.0.0.1', () => console.log('ready'));
