/**
 * WebSocket (RFC 6455, with RFC 7692's {@code permessage-deflate}): a server on an {@code HttpServer}'s
 * {@code upgrade} and a client for {@code ws://} and {@code wss://}, with node's {@code ws} API
 * ({@code dev.stardust.websocket}), on {@code dev.stardust.http} and Netty's {@code websocketx} frame codec. Its own
 * artifact so that HTTP programs without WebSocket do not load it.
 */
module dev.stardust.websocket {
    requires transitive dev.stardust.http;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;

    exports dev.stardust.websocket;
}
