/**
 * The WebSocket echo comparison run by {@code benchmarks/ws-bench.sh} (issue 18): echo servers on Stardust, Vert.x
 * and raw Netty (node's {@code ws} is {@code benchmarks/node/ws-echo.js}), and one load generator that measures
 * messages per second and latency percentiles.
 */
@NullMarked
package dev.stardust.benchmarks.ws;

import org.jspecify.annotations.NullMarked;
