package dev.stardust.net;

import dev.stardust.AddressInfo;
import dev.stardust.Buffer;
import dev.stardust.Handle;
import dev.stardust.net.internal.RealSocket;
import dev.stardust.stream.BufferWritable;
import dev.stardust.stream.Duplex;

/**
 * A TCP or Unix domain socket, node's {@code net.Socket}: a byte {@link Duplex} over one connection. Reading follows
 * demand: while the readable side is full or paused the socket stops reading from the kernel, so a slow consumer
 * bounds memory. {@code write()} returns false once 64 KiB wait to be handed to the kernel (Netty's write-buffer
 * high-water mark) and {@code drain} follows; nothing is ever dropped. Writes made while handling a read are flushed
 * once at the end of the read batch.
 *
 * <p>Events: {@code connect}, {@code data}, {@code end} (the peer shut down its side), {@code timeout},
 * {@code drain}, {@code finish}, {@code error} (codes such as {@code ECONNRESET}, {@code ECONNREFUSED},
 * {@code ENOTFOUND}) and {@code close}. Unless {@link #allowHalfOpen(boolean) allowHalfOpen} is set, the socket ends
 * its own side when the peer ends its side, as node's default. A socket keeps its loop alive until it closes, unless
 * {@link #unref() unref}'d. Loop thread only.
 *
 * <p>Sockets come from {@link Net}, {@link Server} and {@code Tls}; the class is sealed, so the runtime's
 * implementation is the only one.
 */
public abstract sealed class Socket extends Duplex<Buffer, Buffer> implements Handle, BufferWritable
        permits RealSocket {
    /** The write-buffer high-water mark: {@code write()} returns false past it, as Netty's default. */
    public static final int HIGH_WATER_MARK = 64 * 1024;

    /** For the runtime's implementation: both sides buffer up to {@link #HIGH_WATER_MARK}, writes overlap. */
    protected Socket() {
        super(HIGH_WATER_MARK, HIGH_WATER_MARK, true);
    }

    /** Disables or enables Nagle's algorithm (node's {@code setNoDelay}); Netty's default is no delay. */
    public abstract Socket setNoDelay(boolean noDelay);

    /** Enables or disables TCP keep-alive probes (node's {@code setKeepAlive}). */
    public abstract Socket setKeepAlive(boolean enable);

    /**
     * Emits {@code timeout} once the socket has been idle (nothing read or written) for {@code ms} milliseconds; 0
     * turns it off (node's {@code setTimeout}). The socket stays open: the listener decides, often with
     * {@code destroy()}. The countdown restarts on the next activity.
     */
    public abstract Socket setTimeout(long ms);

    /** The idle timeout in milliseconds, 0 when off (node's {@code timeout}). */
    public abstract long timeout();

    /** Bytes read from the peer so far (node's {@code bytesRead}). */
    public abstract long bytesRead();

    /** Bytes handed to the kernel so far (node's {@code bytesWritten}, without the still-buffered ones). */
    public abstract long bytesWritten();

    /** The peer's IP address or socket path, empty before connecting (node's {@code remoteAddress}). */
    public abstract String remoteAddress();

    /** The peer's port, 0 before connecting (node's {@code remotePort}). */
    public abstract int remotePort();

    /** {@code "IPv4"}, {@code "IPv6"} or {@code "unix"}, empty before connecting (node's {@code remoteFamily}). */
    public abstract String remoteFamily();

    /** This end's IP address, empty before connecting (node's {@code localAddress}). */
    public abstract String localAddress();

    /** This end's port, 0 before connecting (node's {@code localPort}). */
    public abstract int localPort();

    /** This end's address, family and port (node's {@code socket.address()}). */
    public abstract AddressInfo address();

    /** Whether the connection is still being set up (node's {@code connecting}). */
    public abstract boolean connecting();

    @Override
    public abstract Socket ref();

    @Override
    public abstract Socket unref();

    /** Adds a listener for {@code connect}: the connection is established (node's {@code socket.on('connect')}). */
    public Socket onConnect(Runnable listener) {
        onNoValue("connect", listener, false);
        return this;
    }

    /** Adds a listener for {@code timeout}: the socket was idle for {@link #timeout()} ms (node's {@code 'timeout'}). */
    public Socket onTimeout(Runnable listener) {
        onNoValue("timeout", listener, false);
        return this;
    }
}
