/**
 * node's {@code process} and {@code child_process}: the running JVM's standard streams, environment and signals
 * as {@link dev.stardust.process.Process}, and programs started with {@link dev.stardust.process.ChildProcess},
 * whose pipes are streams with backpressure and whose exit is an event on the loop. No shell is involved unless
 * asked for.
 */
@NullMarked
package dev.stardust.process;

import org.jspecify.annotations.NullMarked;
