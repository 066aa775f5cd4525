// node's version of the `agent` example, for the footprint comparison in benchmarks/agent-footprint.sh:
// every interval, read /proc figures, queue them (bounded), POST the queue as a JSON array, serve counters.
const http = require('http');
const fs = require('fs');
const os = require('os');
const [url, intervalS = '10', port = '8126', bound = '1000'] = process.argv.slice(2);
const queue = [];
const counters = {collected: 0, sent: 0, dropped: 0, failures: 0};
let inFlight = false;
function sample() {
  const stat = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const mem = fs.readFileSync('/proc/meminfo', 'utf8');
  const net = fs.readFileSync('/proc/net/dev', 'utf8');
  return {time: new Date().toISOString(), host: os.hostname(), cpu: stat, load: os.loadavg(),
    memTotal: /MemTotal:\s+(\d+)/.exec(mem)[1] * 1024, memAvailable: /MemAvailable:\s+(\d+)/.exec(mem)[1] * 1024,
    netLines: net.split('\n').length, agentRssBytes: process.memoryUsage().rss};
}
function send() {
  if (inFlight || queue.length === 0) return;
  inFlight = true;
  const batch = queue.slice(0, 50);
  const req = http.request(url, {method: 'POST', headers: {'Content-Type': 'application/json'}}, res => {
    res.resume();
    res.on('end', () => { inFlight = false; queue.splice(0, batch.length); counters.sent += batch.length; send(); });
  });
  req.on('error', () => { inFlight = false; counters.failures++; });
  req.end(JSON.stringify(batch));
}
setInterval(() => {
  counters.collected++;
  if (queue.length >= +bound) { queue.shift(); counters.dropped++; }
  queue.push(sample());
  send();
}, +intervalS * 1000);
http.createServer((req, res) => res.end(JSON.stringify({...counters, queued: queue.length}))).listen(+port, '127.0.0.1');
