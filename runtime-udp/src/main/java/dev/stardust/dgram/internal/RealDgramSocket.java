package dev.stardust.dgram.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dgram.Datagram;
import dev.stardust.dgram.DgramSocket;
import dev.stardust.dns.internal.SystemLookup;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.Errno;
import dev.stardust.AddressInfo;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The UDP socket on a Netty {@link DatagramChannel} registered with the loop's Netty event loop, which is the loop
 * thread: Netty's callbacks emit events directly. Each read gets a 65,535-byte buffer so no datagram is ever
 * truncated; its bytes are copied into a {@link Buffer} of the exact size and the pooled buffer goes back at once,
 * so memory held per datagram in flight is its own size and at most one read batch is in flight.
 */
public final class RealDgramSocket extends DgramSocket {
    /** The largest datagram the receive side accepts whole: the largest UDP payload there is. */
    static final int MAX_DATAGRAM = 65_535;

    private enum State { UNBOUND, BINDING, BOUND, CLOSED }

    private final RealLoop loop;
    private final boolean ipv6;
    private final SocketHandle handle;
    private final List<Runnable> afterBind = new ArrayList<>(2);
    private @Nullable DatagramChannel channel;
    private State state = State.UNBOUND;
    private @Nullable InetSocketAddress remote;
    private @Nullable LoopPromise<Void> closing;
    private long received;
    private boolean closeEmitted;
    private @Nullable InetSocketAddress lastTarget;
    private @Nullable String lastTargetText;

    public RealDgramSocket(RealLoop loop, boolean ipv6) {
        this.loop = loop;
        this.ipv6 = ipv6;
        this.handle = new SocketHandle(loop);
    }

    // ---- bind ---------------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> bind() {
        return bind(0);
    }

    @Override
    public Promise<Void> bind(int port) {
        return startBind(port, null, true);
    }

    @Override
    public Promise<Void> bind(int port, String address) {
        return startBind(port, address, true);
    }

    /**
     * Binds; an explicit {@code bind} reports a failure through its promise only, the implicit bind of a first
     * {@code send} (whose promise nobody sees) as an {@code error} event.
     */
    private Promise<Void> startBind(int port, @Nullable String address, boolean explicit) {
        loop.checkThread();
        checkPort(port, true);
        if (state == State.CLOSED) {
            throw notRunning();
        }
        if (state != State.UNBOUND) {
            throw new StardustException("ERR_SOCKET_ALREADY_BOUND", "socket is already bound");
        }
        state = State.BINDING;
        handle.open();
        LoopPromise<Void> bound = new LoopPromise<>(loop);
        String host = address != null ? address : ipv6 ? "::" : "0.0.0.0";
        SystemLookup.resolve(loop, host, ipv6 ? 0 : 4).onComplete((ip, lookupError) -> {
            if (state != State.BINDING) {
                bound.markHandled().reject(notRunning());
                runAfterBind();
                return;
            }
            if (lookupError != null || ip == null) {
                bindFailed(bound, lookupError != null ? lookupError : notRunning(), host, port, explicit);
                return;
            }
            DatagramChannel ch = loop.transportKind().newDatagramChannel(ipv6);
            ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM));
            stayActiveAfterDisconnect(ch);
            channel = ch;
            ch.closeFuture().addListener(f -> finishClose());
            new Bootstrap().group(loop.ioLoop())
                    .channelFactory(() -> ch)
                    .handler(new Inbound())
                    .bind(new InetSocketAddress(ip, port))
                    .addListener((ChannelFuture f) -> {
                        if (state != State.BINDING) {
                            bound.markHandled().reject(notRunning());
                        } else if (!f.isSuccess()) {
                            bindFailed(bound, f.cause(), host, port, explicit);
                        } else {
                            state = State.BOUND;
                            emit("listening");
                            bound.resolve(null);
                        }
                        runAfterBind();
                    });
        });
        return bound;
    }

    private void bindFailed(LoopPromise<Void> bound, Throwable cause, String host, int port, boolean explicit) {
        StardustException error = Errno.from(cause, "bind", host + ":" + port);
        state = State.CLOSED;
        if (explicit) {
            bound.reject(error);
        } else {
            bound.markHandled().reject(error);
            emit("error", error);
        }
        DatagramChannel ch = channel;
        if (ch != null) {
            ch.close();
        } else {
            loop.nextTick(this::finishClose);
        }
        runAfterBind();
    }

    private void runAfterBind() {
        List<Runnable> pending = new ArrayList<>(afterBind);
        afterBind.clear();
        for (Runnable r : pending) {
            r.run();
        }
    }

    /** Runs {@code action} once bound, binding to a random port first as node does for an unbound socket. */
    private void whenBound(Runnable action) {
        if (state == State.UNBOUND) {
            startBind(0, null, false);
        }
        if (state == State.BINDING) {
            afterBind.add(action);
        } else {
            action.run();
        }
    }

    // ---- send ---------------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> send(Buffer data, int port, String address) {
        return send(data, 0, data.length(), port, address);
    }

    @Override
    public Promise<Void> send(Buffer data, int offset, int length, int port, String address) {
        loop.checkThread();
        checkPort(port, false);
        if (remote != null) {
            throw new StardustException("ERR_SOCKET_DGRAM_IS_CONNECTED", "a connected socket sends to its peer only");
        }
        Buffer payload = data.slice(offset, offset + length);
        LoopPromise<Void> sent = new LoopPromise<>(loop);
        if (state == State.CLOSED) {
            sent.reject(notRunning());
            return sent;
        }
        InetSocketAddress literal = state == State.BOUND ? literalTarget(address, port) : null;
        if (literal != null) {
            // The common case, a reply to a sender: no lookup, no extra promise, no extra turn.
            write(payload, literal, sent);
            return sent;
        }
        whenBound(() -> SystemLookup.resolve(loop, address, ipv6 ? 0 : 4).onComplete((ip, lookupError) -> {
            if (lookupError != null || ip == null) {
                sent.reject(lookupError != null ? lookupError : notRunning());
            } else {
                write(payload, new InetSocketAddress(ip, port), sent);
            }
        }));
        return sent;
    }

    @Override
    public Promise<Void> send(Buffer data) {
        loop.checkThread();
        LoopPromise<Void> sent = new LoopPromise<>(loop);
        if (state == State.CLOSED) {
            sent.reject(notRunning());
        } else if (remote == null) {
            throw new StardustException("ERR_SOCKET_DGRAM_NOT_CONNECTED", "socket is not connected");
        } else {
            write(data, null, sent);
        }
        return sent;
    }

    /** {@code address:port} when {@code address} is an IP literal, reusing the last one for repeated peers. */
    private @Nullable InetSocketAddress literalTarget(String address, int port) {
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
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private void write(Buffer payload, @Nullable InetSocketAddress to, LoopPromise<Void> sent) {
        DatagramChannel ch = channel;
        InetSocketAddress target = to != null ? to : remote;
        String where = target == null ? "" : NetUtil.toSocketAddressString(target);
        if (state != State.BOUND || ch == null) {
            sent.reject(notRunning());
            return;
        }
        int max = ipv6 ? MAX_DATAGRAM - 8 : MAX_DATAGRAM - 28;
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

    // ---- connect ------------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> connect(int port, String address) {
        loop.checkThread();
        checkPort(port, false);
        if (remote != null) {
            throw new StardustException("ERR_SOCKET_DGRAM_IS_CONNECTED", "socket is already connected");
        }
        LoopPromise<Void> connected = new LoopPromise<>(loop);
        if (state == State.CLOSED) {
            connected.reject(notRunning());
            return connected;
        }
        whenBound(() -> SystemLookup.resolve(loop, address, ipv6 ? 0 : 4).onComplete((ip, lookupError) -> {
            DatagramChannel ch = channel;
            if (lookupError != null || ip == null) {
                connected.reject(lookupError != null ? lookupError : notRunning());
                return;
            }
            if (state != State.BOUND || ch == null) {
                connected.reject(notRunning());
                return;
            }
            InetSocketAddress peer = new InetSocketAddress(ip, port);
            ch.connect(peer).addListener(f -> {
                if (f.isSuccess()) {
                    remote = peer;
                    emit("connect");
                    connected.resolve(null);
                } else {
                    connected.reject(Errno.from(f.cause(), "connect", NetUtil.toSocketAddressString(peer)));
                }
            });
        }));
        return connected;
    }

    @Override
    public void disconnect() {
        loop.checkThread();
        DatagramChannel ch = channel;
        if (remote == null || ch == null) {
            throw new StardustException("ERR_SOCKET_DGRAM_NOT_CONNECTED", "socket is not connected");
        }
        remote = null;
        ch.disconnect();
    }

    @Override
    public AddressInfo remoteAddress() {
        loop.checkThread();
        InetSocketAddress peer = remote;
        if (peer == null) {
            throw new StardustException("ERR_SOCKET_DGRAM_NOT_CONNECTED", "socket is not connected");
        }
        return info(peer);
    }

    @Override
    public AddressInfo address() {
        return info(bound().localAddress());
    }

    // ---- options ------------------------------------------------------------------------------------------------

    @Override
    public DgramSocket setBroadcast(boolean flag) {
        SocketOptions.set(bound(), ChannelOption.SO_BROADCAST, flag, "setBroadcast");
        return this;
    }

    @Override
    public DgramSocket setTTL(int ttl) {
        SocketOptions.setUnicastTtl(bound(), ipv6, ttl);
        return this;
    }

    @Override
    public DgramSocket addMembership(String group) {
        SocketOptions.membership(bound(), group, null, true);
        return this;
    }

    @Override
    public DgramSocket addMembership(String group, String iface) {
        SocketOptions.membership(bound(), group, iface, true);
        return this;
    }

    @Override
    public DgramSocket dropMembership(String group) {
        SocketOptions.membership(bound(), group, null, false);
        return this;
    }

    @Override
    public DgramSocket dropMembership(String group, String iface) {
        SocketOptions.membership(bound(), group, iface, false);
        return this;
    }

    @Override
    public DgramSocket setMulticastTTL(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new StardustException("EINVAL", "setMulticastTTL EINVAL: ttl must be 0 to 255, got " + ttl);
        }
        SocketOptions.set(bound(), ChannelOption.IP_MULTICAST_TTL, ttl, "setMulticastTTL");
        return this;
    }

    @Override
    public DgramSocket setMulticastLoopback(boolean flag) {
        SocketOptions.set(bound(), ChannelOption.IP_MULTICAST_LOOP_DISABLED, !flag, "setMulticastLoopback");
        return this;
    }

    @Override
    public DgramSocket setMulticastInterface(String iface) {
        SocketOptions.set(bound(), ChannelOption.IP_MULTICAST_IF, SocketOptions.interfaceOf(iface),
                "setMulticastInterface");
        return this;
    }

    @Override
    public DgramSocket setRecvBufferSize(int size) {
        SocketOptions.set(bound(), ChannelOption.SO_RCVBUF, positive(size), "setRecvBufferSize");
        return this;
    }

    @Override
    public DgramSocket setSendBufferSize(int size) {
        SocketOptions.set(bound(), ChannelOption.SO_SNDBUF, positive(size), "setSendBufferSize");
        return this;
    }

    @Override
    public int recvBufferSize() {
        return bound().config().getOption(ChannelOption.SO_RCVBUF);
    }

    @Override
    public int sendBufferSize() {
        return bound().config().getOption(ChannelOption.SO_SNDBUF);
    }

    @Override
    public long droppedMessages() {
        loop.checkThread();
        DatagramChannel ch = channel;
        return state == State.BOUND && ch != null ? KernelDrops.of(ch.localAddress(), ipv6) : 0;
    }

    @Override
    public long receivedMessages() {
        return received;
    }

    // ---- close and handle ---------------------------------------------------------------------------------------

    @Override
    public Promise<Void> close() {
        loop.checkThread();
        LoopPromise<Void> done = closing;
        if (done != null) {
            return done;
        }
        done = new LoopPromise<>(loop);
        closing = done;
        state = State.CLOSED;
        DatagramChannel ch = channel;
        if (ch != null) {
            ch.close();
        } else {
            loop.nextTick(this::finishClose);
        }
        return done;
    }

    /** Runs once, when the channel has closed or, for a socket that never had one, on the tick after close. */
    private void finishClose() {
        state = State.CLOSED;
        if (closeEmitted) {
            return;
        }
        closeEmitted = true;
        remote = null;
        handle.release();
        emit("close");
        LoopPromise<Void> done = closing;
        if (done != null) {
            done.resolve(null);
        }
    }

    @Override
    public DgramSocket ref() {
        handle.ref();
        return this;
    }

    @Override
    public DgramSocket unref() {
        handle.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return handle.hasRef();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private DatagramChannel bound() {
        loop.checkThread();
        DatagramChannel ch = channel;
        if (state != State.BOUND || ch == null) {
            throw notRunning();
        }
        return ch;
    }

    /**
     * Netty's epoll channel turns inactive on {@code disconnect()} and then fails every write; node's socket goes
     * on sending to explicit addresses. This (deprecated, still honoured) option keeps the channel active.
     */
    @SuppressWarnings("deprecation")
    private static void stayActiveAfterDisconnect(DatagramChannel ch) {
        ch.config().setOption(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true);
    }

    private static AddressInfo info(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return new AddressInfo(NetUtil.toAddressString(ip), ip instanceof Inet6Address ? "IPv6" : "IPv4",
                address.getPort());
    }

    private static StardustException notRunning() {
        return new StardustException("ERR_SOCKET_DGRAM_NOT_RUNNING", "not running");
    }

    private static void checkPort(int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65_535) {
            throw new StardustException("ERR_SOCKET_BAD_PORT", "port should be >= " + (zeroAllowed ? 0 : 1)
                    + " and < 65536, got " + port);
        }
    }

    private static int positive(int size) {
        if (size <= 0) {
            throw new StardustException("ERR_SOCKET_BAD_BUFFER_SIZE", "buffer size must be positive, got " + size);
        }
        return size;
    }

    /** Delivers each datagram read as a {@code message} event, whole, with the pooled buffer released at once. */
    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (state != State.BOUND) {
                return;
            }
            ByteBuf content = packet.content();
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            received++;
            emit("message", new Datagram(Buffer.wrap(bytes), info(packet.sender())));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (state != State.CLOSED) {
                emit("error", Errno.from(cause, "recvmsg", ""));
            }
        }
    }

    /** The loop's view of this socket: keeps the loop alive from bind until close while referenced. */
    private final class SocketHandle extends LoopHandle {

        SocketHandle(RealLoop loop) {
            super(loop);
        }

        void open() {
            opened();
        }

        void release() {
            closed();
        }

        @Override
        protected void forceClose() {
            close();
        }
    }
}
