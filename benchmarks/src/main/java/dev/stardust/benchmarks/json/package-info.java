/** JMH benchmarks of {@code runtime-json} against raw jackson-core token streaming and jackson-databind. */
@org.jspecify.annotations.NullMarked
package dev.stardust.benchmarks.json;
