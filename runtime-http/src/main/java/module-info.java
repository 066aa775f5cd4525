/**
 * node's {@code http} and {@code https}: an HTTP/1.1 server and client with keep-alive pooling, {@code upgrade} and
 * gzip ({@code dev.stardust.http}), on {@code dev.stardust.tcp}.
 */
module dev.stardust.http {
    requires transitive dev.stardust.tcp;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.compression;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;

    exports dev.stardust.http;
    // WebSocket shares the client's Pool; HTTP/2 serves its HTTP/1.1 fallback with ServerCore and checks header
    // text with HeaderChecks.
    exports dev.stardust.http.internal to dev.stardust.websocket, dev.stardust.http2;
}
