/**
 * node's {@code net} and {@code tls}: TCP and Unix domain socket servers and clients ({@code dev.stardust.net}) and
 * TLS as a layer on them ({@code dev.stardust.tls}).
 */
module dev.stardust.tcp {
    requires transitive dev.stardust.core;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;

    exports dev.stardust.net;
    exports dev.stardust.tls;

    // HTTP hands an upgraded connection over as a net.Socket, and layers TLS on its own connections; WebSocket puts
    // its frame codec on the channel of such a socket (RealSocket.channel()). HTTP/2 listens through Listener and
    // negotiates h2 with ALPN on TlsLayer's handler.
    exports dev.stardust.net.internal to dev.stardust.http, dev.stardust.websocket, dev.stardust.http2;
    exports dev.stardust.tls.internal to dev.stardust.http, dev.stardust.http2;
}
