/**
 * The soak harness (issue 20, see benchmarks/soak.sh): the examples' servers in one JVM under a bounded mixed load,
 * sampled every few seconds, and a verdict on whether anything grows.
 */
@NullMarked
package dev.stardust.benchmarks.soak;

import org.jspecify.annotations.NullMarked;
