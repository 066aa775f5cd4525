// The smallest program, as Stardust's one-timer example: one 1 ms timeout, then exit. Usage: node one-timer.js
setTimeout(() => console.log('timeout'), 1);
