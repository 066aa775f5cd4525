// node benchmarks/node/crypto.js OP SECONDS: MB/s of OP on 1 MB buffers, as CryptoThroughput measures Stardust.
const crypto = require('crypto');
const [op, seconds] = [process.argv[2], Number(process.argv[3])];
const data = crypto.randomBytes(1 << 20), key = crypto.randomBytes(32), iv = crypto.randomBytes(12);
let sunk = 0;
const one = {
  'sha256': () => { sunk += crypto.createHash('sha256').update(data).digest().length; },
  'aes-256-gcm': () => {
    const c = crypto.createCipheriv('aes-256-gcm', key, iv);
    sunk += c.update(data).length + c.final().length + c.getAuthTag().length;
  },
}[op];
const now = () => Number(process.hrtime.bigint()) / 1e9;
const warmEnd = now() + seconds / 2;
while (now() < warmEnd) one();
const start = now(), end = start + seconds / 2;
let n = 0;
while (now() < end) { one(); n++; }
console.log(Math.round(n / (now() - start)));
