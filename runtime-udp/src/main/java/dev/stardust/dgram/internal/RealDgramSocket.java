package dev.stardust.dgram.internal;

import dev.stardust.AddressInfo;
import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dgram.DgramSocket;
import dev.stardust.dgram.DgramSocketOptions;
import dev.stardust.dns.internal.SystemLookup;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.ResourceHandle;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The UDP socket on a Netty {@link DatagramChannel} registered with the loop's Netty event loop, which is the loop
 * thread: Netty's callbacks emit events directly. Each read gets a 65,535-byte buffer so no datagram is ever
 * truncated; its bytes are copied into a {@link Buffer} of the exact size and the pooled buffer goes back at once,
 * so memory held per datagram in flight is its own size and at most one read batch is in flight. The parts:
 * {@link Binding} binds and closes the channel, {@link DatagramSender} and {@link DatagramReceiver} move the
 * datagrams, {@link SocketOptions} sets options; this class holds the peer of a connected socket and node's API.
 */
public final class RealDgramSocket extends DgramSocket {
    /** The largest datagram the receive side accepts whole: the largest UDP payload there is. */
    static final int MAX_DATAGRAM = 65_535;

    private final RealLoop loop;
    private final boolean ipv6;
    private final ResourceHandle handle;
    private final DatagramReceiver receiver;
    private final DatagramSender sender;
    private final Binding binding;
    private @Nullable InetSocketAddress remote;

    public RealDgramSocket(RealLoop loop, DgramSocketOptions options) {
        this.loop = loop;
        this.ipv6 = options.type().equals("udp6");
        this.handle = new ResourceHandle(loop, this, this::close);
        this.receiver = new DatagramReceiver(this);
        this.sender = new DatagramSender(ipv6);
        this.binding = new Binding(loop, options, this, receiver, handle, () -> remote = null);
    }

    // ---- bind ---------------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> bind() {
        return bind(0);
    }

    @Override
    public Promise<Void> bind(int port) {
        return binding.bind(port, null, true);
    }

    @Override
    public Promise<Void> bind(int port, String address) {
        return binding.bind(port, address, true);
    }

    // ---- send ---------------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> send(Buffer data, int port, String address) {
        return send(data, 0, data.length(), port, address);
    }

    @Override
    public Promise<Void> send(Buffer data, int offset, int length, int port, String address) {
        loop.checkThread();
        DgramErrors.checkPort(port, false);
        if (remote != null) {
            throw new StardustException("ERR_SOCKET_DGRAM_IS_CONNECTED", "a connected socket sends to its peer only");
        }
        Buffer payload = data.slice(offset, offset + length);
        LoopPromise<Void> sent = new LoopPromise<>(loop);
        if (binding.isClosed()) {
            sent.reject(DgramErrors.notRunning());
            return sent;
        }
        InetSocketAddress literal = binding.isBound() ? sender.literalTarget(address, port) : null;
        if (literal != null) {
            // The common case, a reply to a sender: no lookup, no extra promise, no extra turn.
            write(payload, literal, sent);
            return sent;
        }
        binding.whenBound(() -> lookup(address, sent, ip -> write(payload, new InetSocketAddress(ip, port), sent)));
        return sent;
    }

    @Override
    public Promise<Void> send(Buffer data) {
        loop.checkThread();
        LoopPromise<Void> sent = new LoopPromise<>(loop);
        if (binding.isClosed()) {
            sent.reject(DgramErrors.notRunning());
        } else if (remote == null) {
            throw DgramErrors.notConnected();
        } else {
            write(data, null, sent);
        }
        return sent;
    }

    private void write(Buffer payload, @Nullable InetSocketAddress to, LoopPromise<Void> sent) {
        DatagramChannel ch = binding.channelIfBound();
        InetSocketAddress target = to != null ? to : remote;
        if (ch == null) {
            sent.reject(DgramErrors.notRunning());
            return;
        }
        sender.send(ch, payload, to, target == null ? "" : NetUtil.toSocketAddressString(target), sent);
    }

    /** Looks {@code address} up in the socket's family, then runs {@code then}; a failure rejects {@code done}. */
    private void lookup(String address, LoopPromise<Void> done, Consumer<InetAddress> then) {
        SystemLookup.resolve(loop, address, ipv6 ? 0 : 4).onComplete((ip, lookupError) -> {
            if (lookupError != null || ip == null) {
                done.reject(lookupError != null ? lookupError : DgramErrors.notRunning());
            } else {
                then.accept(ip);
            }
        });
    }

    // ---- connect ------------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> connect(int port, String address) {
        loop.checkThread();
        DgramErrors.checkPort(port, false);
        if (remote != null) {
            throw new StardustException("ERR_SOCKET_DGRAM_IS_CONNECTED", "socket is already connected");
        }
        LoopPromise<Void> connected = new LoopPromise<>(loop);
        if (binding.isClosed()) {
            connected.reject(DgramErrors.notRunning());
            return connected;
        }
        binding.whenBound(() -> lookup(address, connected, ip -> {
            DatagramChannel ch = binding.channelIfBound();
            if (ch == null) {
                connected.reject(DgramErrors.notRunning());
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
        DatagramChannel ch = binding.channelOrNull();
        if (remote == null || ch == null) {
            throw DgramErrors.notConnected();
        }
        remote = null;
        ch.disconnect();
    }

    @Override
    public AddressInfo remoteAddress() {
        loop.checkThread();
        InetSocketAddress peer = remote;
        if (peer == null) {
            throw DgramErrors.notConnected();
        }
        return info(peer);
    }

    @Override
    public AddressInfo address() {
        return info(binding.channel().localAddress());
    }

    // ---- options ------------------------------------------------------------------------------------------------

    @Override
    public DgramSocket setBroadcast(boolean flag) {
        SocketOptions.set(binding.channel(), ChannelOption.SO_BROADCAST, flag, "setBroadcast");
        return this;
    }

    @Override
    public DgramSocket setTTL(int ttl) {
        SocketOptions.setUnicastTtl(binding.channel(), ipv6, ttl);
        return this;
    }

    @Override
    public DgramSocket addMembership(String group) {
        SocketOptions.membership(binding.channel(), group, null, true);
        return this;
    }

    @Override
    public DgramSocket addMembership(String group, String iface) {
        SocketOptions.membership(binding.channel(), group, iface, true);
        return this;
    }

    @Override
    public DgramSocket dropMembership(String group) {
        SocketOptions.membership(binding.channel(), group, null, false);
        return this;
    }

    @Override
    public DgramSocket dropMembership(String group, String iface) {
        SocketOptions.membership(binding.channel(), group, iface, false);
        return this;
    }

    @Override
    public DgramSocket setMulticastTTL(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new StardustException("EINVAL", "setMulticastTTL EINVAL: ttl must be 0 to 255, got " + ttl);
        }
        SocketOptions.set(binding.channel(), ChannelOption.IP_MULTICAST_TTL, ttl, "setMulticastTTL");
        return this;
    }

    @Override
    public DgramSocket setMulticastLoopback(boolean flag) {
        SocketOptions.set(binding.channel(), ChannelOption.IP_MULTICAST_LOOP_DISABLED, !flag, "setMulticastLoopback");
        return this;
    }

    @Override
    public DgramSocket setMulticastInterface(String iface) {
        SocketOptions.set(binding.channel(), ChannelOption.IP_MULTICAST_IF, SocketOptions.interfaceOf(iface),
                "setMulticastInterface");
        return this;
    }

    @Override
    public DgramSocket setRecvBufferSize(int size) {
        SocketOptions.setBufferSize(binding.channel(), ChannelOption.SO_RCVBUF, size, "setRecvBufferSize");
        return this;
    }

    @Override
    public DgramSocket setSendBufferSize(int size) {
        SocketOptions.setBufferSize(binding.channel(), ChannelOption.SO_SNDBUF, size, "setSendBufferSize");
        return this;
    }

    @Override
    public int recvBufferSize() {
        return binding.channel().config().getOption(ChannelOption.SO_RCVBUF);
    }

    @Override
    public int sendBufferSize() {
        return binding.channel().config().getOption(ChannelOption.SO_SNDBUF);
    }

    @Override
    public long droppedMessages() {
        loop.checkThread();
        DatagramChannel ch = binding.channelIfBound();
        return ch != null ? KernelDrops.of(ch.localAddress(), ipv6) : 0;
    }

    @Override
    public long receivedMessages() {
        return receiver.received();
    }

    // ---- close and handle ---------------------------------------------------------------------------------------

    @Override
    public Promise<Void> close() {
        return binding.close();
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

    /** Whether the socket is bound: datagrams read now are delivered. */
    boolean isBound() {
        return binding.isBound();
    }

    /** Whether the socket was closed: read errors are no longer reported. */
    boolean isClosed() {
        return binding.isClosed();
    }

    /** {@code address} as node reports it: the IP as text, its family and the port. */
    static AddressInfo info(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return new AddressInfo(NetUtil.toAddressString(ip), ip instanceof Inet6Address ? "IPv6" : "IPv4",
                address.getPort());
    }
}
