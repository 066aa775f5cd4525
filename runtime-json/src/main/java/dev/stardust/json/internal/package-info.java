/** Implementation of {@code dev.stardust.json}: token-to-value building, value writing, error reporting. */
@org.jspecify.annotations.NullMarked
package dev.stardust.json.internal;
