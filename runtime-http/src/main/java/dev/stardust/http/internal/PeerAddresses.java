package dev.stardust.http.internal;

import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * A connection's ends as {@link dev.stardust.http.IncomingMessage} reports them: the TCP address, or for a Unix
 * domain socket an unresolved address holding the socket's path (empty for an unnamed client end) and port 0, where
 * node reports {@code undefined}.
 */
final class PeerAddresses {
    private static final InetSocketAddress UNNAMED = InetSocketAddress.createUnresolved("", 0);

    private PeerAddresses() {
    }

    static InetSocketAddress of(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        if (address instanceof DomainSocketAddress unix) {
            return InetSocketAddress.createUnresolved(unix.path(), 0);
        }
        return UNNAMED;
    }
}
