package dev.stardust.dgram.internal;

import dev.stardust.Buffer;
import dev.stardust.dgram.Datagram;
import dev.stardust.internal.Errno;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * The handler of a datagram socket's channel: delivers each datagram read as a {@code message} event, whole, its
 * bytes copied into a {@link Buffer} of the exact size and the pooled buffer released at once (by the superclass),
 * and a failed read as an {@code error} event ({@code recvmsg}). Runs on the loop thread, which is the channel's.
 */
final class DatagramReceiver extends SimpleChannelInboundHandler<DatagramPacket> {
    private final RealDgramSocket socket;
    private long received;

    DatagramReceiver(RealDgramSocket socket) {
        this.socket = socket;
    }

    /** Datagrams delivered so far. */
    long received() {
        return received;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (!socket.isBound()) {
            return;
        }
        ByteBuf content = packet.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        received++;
        socket.emit("message", new Datagram(Buffer.wrap(bytes), RealDgramSocket.info(packet.sender())));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!socket.isClosed()) {
            socket.emit("error", Errno.from(cause, "recvmsg", ""));
        }
    }
}
