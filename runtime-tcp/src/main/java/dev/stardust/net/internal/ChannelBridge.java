package dev.stardust.net.internal;

import dev.stardust.Buffer;
import dev.stardust.internal.RealLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * The last handler of a socket's pipeline: copies each inbound {@link ByteBuf} into a {@link Buffer} and releases it
 * at once, so no reference-counted buffer reaches user code, and turns Netty's events into calls on {@link Events}.
 * Every call enters user code through the loop, so exceptions reach the uncaught handler and nextTicks drain.
 */
public final class ChannelBridge extends ChannelInboundHandlerAdapter {
    /** What a socket hears from its channel; all on the loop thread. */
    public interface Events {
        /** The channel became active (an accepted connection is ready). */
        void onActive();

        /** Bytes arrived. */
        void onData(Buffer data);

        /** The peer shut down its output (FIN): the end of the readable side. */
        void onInputShutdown();

        /** A read or the channel failed, e.g. with ECONNRESET. */
        void onError(Throwable error);

        /** The channel closed. */
        void onInactive();
    }

    private final RealLoop loop;
    private final Events events;
    private final Consumer<Buffer> onData;
    private final Consumer<Throwable> onError;

    public ChannelBridge(RealLoop loop, Events events) {
        this.loop = loop;
        this.events = events;
        this.onData = events::onData;
        this.onError = events::onError;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        loop.invoke(events::onActive);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        loop.invoke(onData, Buffer.wrap(bytes));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            loop.invoke(events::onInputShutdown);
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        loop.invoke(onError, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        loop.invoke(events::onInactive);
    }
}
