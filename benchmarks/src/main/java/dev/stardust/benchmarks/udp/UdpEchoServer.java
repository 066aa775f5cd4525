package dev.stardust.benchmarks.udp;

import dev.stardust.Loop;
import dev.stardust.dgram.Datagram;
import dev.stardust.dgram.Dgram;
import dev.stardust.dgram.DgramSocket;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * {@code UdpEchoServer stardust|netty PORT}: a UDP echo server on Stardust's {@code dgram}, or on raw Netty with
 * the same transport and receive buffer, so that the load generator compares the two layers alone.
 */
public final class UdpEchoServer {

    private UdpEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        if (args[0].equals("stardust")) {
            Loop.run(() -> {
                DgramSocket socket = Dgram.createSocket("udp4");
                socket.on("message", (Datagram d) -> socket.send(d.data(), d.sender().port(), d.sender().address()));
                socket.bind(port, "127.0.0.1").onSuccess(v -> System.out.println("ready"));
            });
            return;
        }
        boolean epoll = Epoll.isAvailable();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_535))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        ctx.writeAndFlush(new DatagramPacket(p.content().retain(), p.sender()));
                    }
                })
                .bind("127.0.0.1", port).sync();
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
