package dev.stardust.http.internal;

import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import dev.stardust.net.internal.RealSocket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import org.jspecify.annotations.Nullable;

/**
 * The handlers of a server connection's channel, in order: a watch that notes each request's first bytes, the
 * strict request decoder, the response encoder, the compressor when the server compresses, and the connection itself.
 * An upgrade removes them all and the channel becomes a {@link Socket}.
 */
final class ServerPipeline {
    private ServerPipeline() {
    }

    /** Puts the HTTP handlers and {@code connection} on its channel; returns the decoder. */
    static StrictRequestDecoder install(ServerConnection connection) {
        ServerCore server = connection.server;
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(server.options.maxRequestLineLength())
                .setMaxHeaderSize(server.options.maxHeaderSize())
                .setMaxChunkSize(64 * 1024)
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory());
        StrictRequestDecoder d = new StrictRequestDecoder(config, () -> server.server.listenerCount("upgrade") > 0,
                connection.gate::holdNextRequest);
        ChannelPipeline pipeline = connection.channel.pipeline();
        pipeline.addLast(new ActivityWatch(connection.deadlines), d, new ResponseEncoder());
        if (server.options.compressionMinSize() > 0) {
            pipeline.addLast(new ResponseCompressor(server.options.compressionMinSize()));
        }
        pipeline.addLast(connection);
        return d;
    }

    /**
     * node's {@code 'upgrade'}: the HTTP handlers leave the pipeline and the channel becomes a {@link Socket} with its
     * own loop handle. The decoder goes last, so the bytes it holds after the head reach the socket before anything
     * read later.
     */
    static Socket handOver(ServerConnection connection, RealLoop loop, @Nullable StrictRequestDecoder decoder) {
        Channel channel = connection.channel;
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.remove(ActivityWatch.class);
        pipeline.remove(ResponseEncoder.class);
        if (pipeline.get(ResponseCompressor.class) != null) {
            pipeline.remove(ResponseCompressor.class);
        }
        pipeline.remove(connection);
        // From here the socket's handle keeps the loop alive, not the server's connection count.
        connection.server.connectionClosed(connection);
        Socket socket = RealSocket.adopt(loop, channel);
        if (decoder != null) {
            pipeline.remove(decoder);
        }
        return socket;
    }

    /** Notes the first bytes of a request, which start its headers timeout. */
    private static final class ActivityWatch extends ChannelInboundHandlerAdapter {
        private final ConnectionDeadlines deadlines;

        ActivityWatch(ConnectionDeadlines deadlines) {
            this.deadlines = deadlines;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            deadlines.onBytes();
            ctx.fireChannelRead(msg);
        }
    }
}
