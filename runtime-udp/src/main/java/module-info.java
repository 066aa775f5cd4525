/** node's {@code dgram}: UDP sockets with multicast and broadcast ({@code dev.stardust.dgram}). */
module dev.stardust.udp {
    requires transitive dev.stardust.core;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;

    exports dev.stardust.dgram;
}
