package dev.stardust.dgram.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopPromise;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Hands datagrams to a socket's channel: refuses a payload larger than one UDP datagram can carry
 * ({@code EMSGSIZE}, as node), wraps the bytes without copying, and reports the kernel's answer through the send's
 * promise. IP-literal destinations skip the lookup, and the last one is kept, so replying to the same peer again
 * and again parses nothing. Loop thread only.
 */
final class DatagramSender {
    private final boolean ipv6;
    private @Nullable InetSocketAddress lastTarget;
    private @Nullable String lastTargetText;

    DatagramSender(boolean ipv6) {
        this.ipv6 = ipv6;
    }

    /** {@code address:port} when {@code address} is an IP literal, reusing the last one for repeated peers. */
    @Nullable InetSocketAddress literalTarget(String address, int port) {
        InetSocketAddress last = lastTarget;
        if (last != null && last.getPort() == port && address.equals(lastTargetText)) {
            return last;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null || (!ipv6 && bytes.length != 4)) {
            return null;
        }
        try {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByAddress(bytes), port);
            lastTarget = target;
            lastTargetText = address;
            return target;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Sends {@code payload} on {@code ch} to {@code to}, or to the connected peer when null; {@code where} names the
     * destination in errors.
     */
    void send(DatagramChannel ch, Buffer payload, @Nullable InetSocketAddress to, String where,
            LoopPromise<Void> sent) {
        int max = ipv6 ? RealDgramSocket.MAX_DATAGRAM - 8 : RealDgramSocket.MAX_DATAGRAM - 28;
        if (payload.length() > max) {
            sent.reject(new StardustException("EMSGSIZE", "send EMSGSIZE " + where + ": " + payload.length()
                    + " bytes exceed the largest datagram of " + max + " bytes"));
            return;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(payload.asByteBuffer());
        Object message = to == null ? buf : new DatagramPacket(buf, to);
        ch.writeAndFlush(message).addListener(f -> {
            if (f.isSuccess()) {
                sent.resolve(null);
            } else {
                sent.reject(Errno.from(f.cause(), "send", where));
            }
        });
    }
}
