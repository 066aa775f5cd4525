package dev.stardust.internal;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * Netty's io_uring transport behind {@link Transport#IO_URING}. Its jars are an optional dependency: this class is
 * the only one that names their types, and {@link Transport} calls anything but {@link #isAvailable()} and
 * {@link #unavailabilityCause()} only once those said yes, so that a program without them never loads it further.
 */
final class IoUringSupport {
    /** Why io_uring cannot be used, computed once; null when it can. */
    private static final @Nullable Throwable CAUSE = probe();

    private IoUringSupport() {
    }

    static boolean isAvailable() {
        return CAUSE == null;
    }

    static @Nullable Throwable unavailabilityCause() {
        return CAUSE;
    }

    private static @Nullable Throwable probe() {
        try {
            return IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
        } catch (LinkageError e) {
            // NoClassDefFoundError: the classes jar is neither on the class path nor, on the module path, resolved.
            return new UnsupportedOperationException("io_uring needs io.netty:netty-transport-classes-io_uring and "
                    + "io.netty:netty-transport-native-io_uring (classifier linux-x86_64 or linux-aarch_64); on the "
                    + "module path, also --add-modules io.netty.transport.classes.io_uring,"
                    + "io.netty.transport.io_uring.linux.x86_64 (or .linux.aarch_64)", e);
        }
    }

    static IoHandlerFactory ioHandlerFactory() {
        return IoUringIoHandler.newFactory();
    }

    static SocketChannel newSocketChannel() {
        return new IoUringSocketChannel();
    }

    static ServerChannel newServerSocketChannel() {
        return new IoUringServerSocketChannel();
    }

    static DatagramChannel newDatagramChannel(boolean ipv6) {
        return new IoUringDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
    }

    static Channel newDomainSocketChannel() {
        return new IoUringDomainSocketChannel();
    }

    static ServerChannel newServerDomainSocketChannel() {
        return new IoUringServerDomainSocketChannel();
    }
}
