/** A DNS {@code Resolver} with node's {@code dns.resolve*} API, on Netty's DNS codec ({@code dev.stardust.dns.resolver}). */
module dev.stardust.dns {
    requires transitive dev.stardust.core;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.dns;
    requires io.netty.resolver.dns;
    requires io.netty.common;
    requires io.netty.transport;

    exports dev.stardust.dns.resolver;
}
