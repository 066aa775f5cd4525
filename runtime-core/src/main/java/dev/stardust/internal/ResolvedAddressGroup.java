package dev.stardust.internal;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.NoopAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;

/**
 * The address resolvers a loop's {@code Bootstrap}s use: none. Stardust resolves names itself ({@code Dns.lookup}
 * on the worker pool) and connects to resolved addresses only, so Netty's default group (which would resolve on the
 * loop thread, blocking) is never wanted.
 *
 * <p>Why one group per loop rather than Netty's shared {@code NoopAddressResolverGroup.INSTANCE}: any group adds a
 * listener to the loop's termination future, and a {@code ManualIoEventLoop} notifies those listeners on Netty's
 * {@code GlobalEventExecutor}, whose non-daemon thread then keeps the JVM alive for up to a second after
 * {@code Loop.run} returns. The loop closes its own group before it shuts down, which removes that listener.
 */
final class ResolvedAddressGroup extends AddressResolverGroup<SocketAddress> {

    @Override
    protected AddressResolver<SocketAddress> newResolver(EventExecutor executor) {
        return new NoopAddressResolver(executor);
    }
}
