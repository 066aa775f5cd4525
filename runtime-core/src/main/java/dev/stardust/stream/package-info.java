/**
 * node's stream model: {@link dev.stardust.stream.Readable}, {@link dev.stardust.stream.Writable},
 * {@link dev.stardust.stream.Duplex} and {@link dev.stardust.stream.Transform} with real backpressure, and
 * {@link dev.stardust.stream.Streams#pipeline} to join them. Sockets, HTTP bodies and files are all these streams.
 * Around them: {@link dev.stardust.stream.Streams#finished} (node's {@code stream/promises}), capped body collectors
 * in {@link dev.stardust.stream.Consumers} (node's {@code stream/consumers}), {@link dev.stardust.stream.Lines}
 * (node's {@code readline}) and {@link dev.stardust.stream.FlowStreams}, a bridge to {@code java.util.concurrent.Flow}.
 * Streams belong to the loop they were created on; every event fires on its thread.
 */
@NullMarked
package dev.stardust.stream;

import org.jspecify.annotations.NullMarked;
