package dev.stardust.net.internal;

import dev.stardust.StardustException;
import dev.stardust.dns.Dns;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;

/**
 * Connects a client socket, as node's {@code net.connect}: looks the host up with {@link Dns#lookup} (getaddrinfo,
 * so {@code /etc/hosts} counts), opens a channel of the loop's transport with auto-read off, lets the socket set up
 * its pipeline, connects, and reports a failure as node's error ({@code ENOTFOUND}, {@code ECONNREFUSED}, ...).
 * Everything starts on the tick after {@code connect()}, so listeners added after it hear everything.
 */
final class Dialer {
    private Dialer() {
    }

    /** Connects {@code socket} to {@code port} on {@code host}, a name or an IP literal (IPv6 with or without []). */
    static void dial(RealLoop loop, RealSocket socket, String host, int port) {
        // Like node, connect after the caller's code has returned, so listeners added after connect() hear everything.
        loop.nextTick(() -> {
            if (socket.destroyed()) {
                return;
            }
            Dns.lookup(Addresses.unbracket(host)).onComplete((found, error) -> {
                if (socket.destroyed()) {
                    return;
                }
                if (error != null || found == null) {
                    socket.destroy(error != null ? error
                            : new StardustException("ENOTFOUND", "getaddrinfo ENOTFOUND " + host));
                    return;
                }
                InetAddress address = NetUtil.createInetAddressFromIpAddressString(found.address());
                open(loop, socket, loop.transportKind().newSocketChannel(), new InetSocketAddress(address, port),
                        found.address() + ":" + port);
            });
        });
    }

    /** Connects {@code socket} to the Unix domain socket at {@code path}. */
    static void dial(RealLoop loop, RealSocket socket, Path path) {
        loop.nextTick(() -> {
            if (!socket.destroyed()) {
                open(loop, socket, loop.transportKind().newDomainSocketChannel(),
                        new DomainSocketAddress(path.toString()), path.toString());
            }
        });
    }

    private static void open(RealLoop loop, RealSocket socket, Channel ch, SocketAddress address,
            String description) {
        Bootstrap bootstrap = new Bootstrap().group(loop.ioLoop()).channelFactory(() -> ch)
                .resolver(loop.addressResolvers())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, RealSocket.WATER_MARK)
                .handler(new FlushConsolidationHandler(256, true));
        ChannelFuture future = bootstrap.connect(address);
        socket.attach(future.channel(), true);
        future.addListener(f -> loop.invoke(() -> {
            if (socket.destroyed()) {
                return;
            }
            if (!f.isSuccess()) {
                socket.destroy(Errno.from(f.cause(), "connect", description));
                return;
            }
            socket.dialed();
        }));
    }
}
