// node's dns.Resolver.resolve4 in a loop, the counterpart of ResolveLoad:
// node resolve-load.js SERVER NAME SECONDS CONCURRENCY
const { Resolver } = require('dns');
const [server, name, seconds, concurrency] = [process.argv[2], process.argv[3], Number(process.argv[4]),
    Number(process.argv[5])];
const resolver = new Resolver();
resolver.setServers([server]);
let done = 0, startCount = 0, running = true;
function next() {
  resolver.resolve4(name, (err) => {
    if (err) console.error(err.code);
    done++;
    if (running) next();
  });
}
for (let i = 0; i < concurrency; i++) next();
setTimeout(() => { startCount = done; }, 2000);
setTimeout(() => { console.log(Math.floor((done - startCount) / seconds)); running = false; }, 2000 + seconds * 1000);
