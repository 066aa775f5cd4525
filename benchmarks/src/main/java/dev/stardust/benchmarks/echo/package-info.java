/** The TCP echo comparison: a raw Netty server, the Stardust server, and the load client; see echo-bench.sh. */
@NullMarked
package dev.stardust.benchmarks.echo;

import org.jspecify.annotations.NullMarked;
