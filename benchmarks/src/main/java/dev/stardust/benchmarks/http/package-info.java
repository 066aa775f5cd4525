/** Servers for the side-by-side HTTP benchmark: the raw Netty baseline Stardust's hello is measured against. */
@NullMarked
package dev.stardust.benchmarks.http;

import org.jspecify.annotations.NullMarked;
