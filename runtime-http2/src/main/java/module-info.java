/**
 * node's {@code http2}: an HTTP/2 server over TLS (ALPN {@code h2}, falling back to HTTP/1.1 on the same port) and
 * over cleartext ({@code h2c} with prior knowledge), serving the same {@code (req, res)} handlers as
 * {@code Http.createServer} (node's compatibility API), and a client session multiplexing requests over one
 * connection ({@code dev.stardust.http2}), on {@code dev.stardust.http} and Netty's {@code codec-http2}. Its own
 * artifact so that HTTP/1.1 programs do not load it.
 */
module dev.stardust.http2 {
    requires transitive dev.stardust.http;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;

    exports dev.stardust.http2;
}
