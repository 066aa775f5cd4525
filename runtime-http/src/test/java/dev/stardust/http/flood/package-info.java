/** A server for a child JVM with a small heap, which a test floods with hostile peers. */
@NullMarked
package dev.stardust.http.flood;

import org.jspecify.annotations.NullMarked;
