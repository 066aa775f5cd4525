/**
 * UDP and DNS comparisons run by {@code benchmarks/udp-bench.sh}: echo servers (Stardust, raw Netty) under one
 * load generator, and resolve loops against one dnsmasq, each set against its node counterpart.
 */
@NullMarked
package dev.stardust.benchmarks.udp;

import org.jspecify.annotations.NullMarked;
