package dev.stardust.dgram;

import dev.stardust.Buffer;
import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.AddressInfo;
import java.util.function.Consumer;

/**
 * A UDP socket, node's {@code dgram.Socket}. Events: {@code listening} once bound, {@code message} with a
 * {@link Datagram} for each datagram received (whole, up to 65,535 bytes), {@code connect}, {@code error} and
 * {@code close}. Loop thread only.
 *
 * <p>A socket that was never bound binds itself to a random port on every interface at its first send, as node's
 * does. Options ({@link #setBroadcast}, {@link #setTTL}, multicast, buffer sizes) need a bound socket and fail
 * with {@code ERR_SOCKET_DGRAM_NOT_RUNNING} before. Receiving never queues without bound: datagrams are delivered
 * as they are read, so a handler slower than the sender makes the kernel drop the excess, which
 * {@link #droppedMessages()} reports where the operating system tells.
 *
 * <p>A failed {@link #bind} or {@link #connect} fails its promise and nothing else; a failure no promise could
 * report (the implicit bind of a first send, a receive error) is an {@code error} event.
 */
public abstract class DgramSocket extends EventEmitter implements Handle {

    /** For the implementation only. */
    protected DgramSocket() {
    }

    /** Binds to a random free port on every interface (node's {@code socket.bind()}). */
    public abstract Promise<Void> bind();

    /** Binds to {@code port} on every interface; 0 picks a free port (node's {@code socket.bind(port)}). */
    public abstract Promise<Void> bind(int port);

    /** Binds to {@code port} on the interface of {@code address} (node's {@code socket.bind(port, address)}). */
    public abstract Promise<Void> bind(int port, String address);

    /**
     * Sends {@code data} as one datagram to {@code port} at {@code address} (node's
     * {@code socket.send(msg, port, address)}). Fails with {@code EMSGSIZE} when too large for one datagram and
     * with {@code ERR_SOCKET_DGRAM_NOT_RUNNING} once the socket is closed.
     */
    public abstract Promise<Void> send(Buffer data, int port, String address);

    /** Sends {@code length} bytes of {@code data} from {@code offset} (node's {@code send(msg, offset, length, ...)}). */
    public abstract Promise<Void> send(Buffer data, int offset, int length, int port, String address);

    /** Sends {@code data} to the connected peer (node's {@code socket.send(msg)} after {@code connect}). */
    public abstract Promise<Void> send(Buffer data);

    /**
     * Associates the socket with one peer: sends go there and only its datagrams are received (node's
     * {@code socket.connect(port, address)}). Emits {@code connect}.
     */
    public abstract Promise<Void> connect(int port, String address);

    /** Dissolves the association made by {@link #connect} (node's {@code socket.disconnect()}). */
    public abstract void disconnect();

    /** The connected peer (node's {@code socket.remoteAddress()}); fails with {@code ERR_SOCKET_DGRAM_NOT_CONNECTED}. */
    public abstract AddressInfo remoteAddress();

    /** The bound local address (node's {@code socket.address()}); fails with {@code ERR_SOCKET_DGRAM_NOT_RUNNING}. */
    public abstract AddressInfo address();

    /** Allows sending to broadcast addresses (node's {@code socket.setBroadcast(flag)}). */
    public abstract DgramSocket setBroadcast(boolean flag);

    /** Sets the unicast time to live, 1 to 255 (node's {@code socket.setTTL(ttl)}). */
    public abstract DgramSocket setTTL(int ttl);

    /** Joins multicast {@code group} on an interface the system picks (node's {@code addMembership(group)}). */
    public abstract DgramSocket addMembership(String group);

    /** Joins multicast {@code group} on the interface with address {@code iface} (node's {@code addMembership}). */
    public abstract DgramSocket addMembership(String group, String iface);

    /** Leaves multicast {@code group} (node's {@code socket.dropMembership(group)}). */
    public abstract DgramSocket dropMembership(String group);

    /** Leaves multicast {@code group} on the interface with address {@code iface} (node's {@code dropMembership}). */
    public abstract DgramSocket dropMembership(String group, String iface);

    /** Sets the time to live of multicast datagrams, 0 to 255 (node's {@code socket.setMulticastTTL(ttl)}). */
    public abstract DgramSocket setMulticastTTL(int ttl);

    /** Whether multicast datagrams sent come back to this host (node's {@code setMulticastLoopback(flag)}). */
    public abstract DgramSocket setMulticastLoopback(boolean flag);

    /** Sends multicast datagrams through the interface with address {@code iface} (node's {@code setMulticastInterface}). */
    public abstract DgramSocket setMulticastInterface(String iface);

    /** Sets the kernel's receive buffer size in bytes (node's {@code socket.setRecvBufferSize(size)}). */
    public abstract DgramSocket setRecvBufferSize(int size);

    /** Sets the kernel's send buffer size in bytes (node's {@code socket.setSendBufferSize(size)}). */
    public abstract DgramSocket setSendBufferSize(int size);

    /** The kernel's receive buffer size in bytes (node's {@code socket.getRecvBufferSize()}). */
    public abstract int recvBufferSize();

    /** The kernel's send buffer size in bytes (node's {@code socket.getSendBufferSize()}). */
    public abstract int sendBufferSize();

    /**
     * How many datagrams addressed to this socket the kernel dropped because they arrived faster than they were
     * handled; read from {@code /proc/net/udp} on Linux, 0 where the system does not tell.
     */
    public abstract long droppedMessages();

    /** How many datagrams were delivered as {@code message} events so far. */
    public abstract long receivedMessages();

    /** Closes the socket and emits {@code close} (node's {@code socket.close()}). Idempotent. */
    public abstract Promise<Void> close();

    @Override
    public abstract DgramSocket ref();

    @Override
    public abstract DgramSocket unref();

    /** Adds a listener for each datagram received (node's {@code socket.on('message', (msg, rinfo) => ...)}). */
    public DgramSocket onMessage(Consumer<? super Datagram> listener) {
        on("message", listener);
        return this;
    }

    /** Adds a listener for {@code listening}: the socket is bound (node's {@code socket.on('listening')}). */
    public DgramSocket onListening(Runnable listener) {
        onNoValue("listening", listener, false);
        return this;
    }

    /** Adds a listener for {@code error} (node's {@code socket.on('error')}). */
    public DgramSocket onError(Consumer<? super Throwable> listener) {
        on("error", listener);
        return this;
    }

    /** Adds a listener for {@code close}, emitted once after {@link #close()} (node's {@code socket.on('close')}). */
    public DgramSocket onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }
}
