/**
 * TCP and Unix domain sockets, node's {@code net}: {@link dev.stardust.net.Net#createServer} and
 * {@link dev.stardust.net.Net#connect} give a {@link dev.stardust.net.Server} and {@link dev.stardust.net.Socket},
 * a byte {@link dev.stardust.stream.Duplex} whose reads follow the consumer's demand. {@link
 * dev.stardust.net.ConnectOptions} (Happy Eyeballs, connect timeout, local address, {@link dev.stardust.net.Lookup})
 * and {@link dev.stardust.net.ListenOptions} ({@code reusePort}, backlog) are node's {@code connect} and
 * {@code listen} options.
 */
@NullMarked
package dev.stardust.net;

import org.jspecify.annotations.NullMarked;
