package dev.stardust.net.internal;

import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.dns.LookupAddress;
import dev.stardust.dns.LookupOptions;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.ConnectOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Connects one client socket, as node's {@code net.connect}: looks the host up with the options' {@code lookup}
 * (getaddrinfo by default, so {@code /etc/hosts} counts), then tries the addresses with Happy Eyeballs (RFC 8305,
 * node's {@code autoSelectFamily}): IPv6 and IPv4 interleaved, the next attempt started when the previous one failed
 * or has not connected within the attempt delay, the first channel to connect handed to the socket and every other
 * closed. Attempt channels are bare (auto-read off, nothing of the socket's on them), so a loser never touches the
 * socket; the winner gets the socket's layer and bridge once connected. A failure is node's error
 * ({@code ENOTFOUND}, {@code ECONNREFUSED}, {@code ETIMEDOUT} past the connect timeout; with several addresses the
 * first attempt's code, every attempt named in the message). Everything starts on the tick after {@code connect()},
 * so listeners added after it hear everything. Loop thread only.
 */
final class Dialer {
    private final RealLoop loop;
    private final RealSocket socket;
    private final String description;
    private final Set<Channel> attempts = new LinkedHashSet<>();
    private final List<StardustException> errors = new ArrayList<>();
    private List<SocketAddress> addresses = List.of();
    private int next;
    private @Nullable SocketAddress lastTried;
    private @Nullable Timer deadline;
    private @Nullable Timer stagger;
    private boolean done;

    private Dialer(RealLoop loop, RealSocket socket, String description) {
        this.loop = loop;
        this.socket = socket;
        this.description = description;
    }

    /** Starts connecting {@code socket} as {@code options} say, on the next tick. */
    static Dialer dial(RealLoop loop, RealSocket socket, ConnectOptions options) {
        Dialer d = new Dialer(loop, socket, options.host() + ":" + options.port());
        loop.nextTick(() -> d.start(options));
        return d;
    }

    /** Starts connecting {@code socket} to the Unix domain socket at {@code path}, on the next tick. */
    static Dialer dial(RealLoop loop, RealSocket socket, Path path) {
        Dialer d = new Dialer(loop, socket, path.toString());
        loop.nextTick(() -> {
            if (!d.finished()) {
                d.addresses = List.of(new DomainSocketAddress(path.toString()));
                d.attempt(Long.MAX_VALUE, null);
            }
        });
        return d;
    }

    /** The socket was destroyed while connecting: every attempt is closed, nothing more happens. */
    void abort() {
        finish();
    }

    private boolean finished() {
        return done || socket.destroyed();
    }

    private void start(ConnectOptions options) {
        if (finished()) {
            return;
        }
        long timeoutMs = options.timeout().toMillis();
        if (timeoutMs > 0) {
            deadline = loop.setTimer(this::timedOut, timeoutMs, false).unref();
        }
        String host = Addresses.unbracket(options.host());
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            connect(List.of(new LookupAddress(host, literal.length == 4 ? 4 : 6)), options);
            return;
        }
        try {
            options.lookup().lookup(host, LookupOptions.defaults().withFamily(options.family()))
                    .onComplete((found, error) -> {
                        if (finished()) {
                            return;
                        }
                        if (error != null || found == null) {
                            fail(error != null ? Errno.from(error, "getaddrinfo", host) : notFound(host));
                        } else {
                            connect(found, options);
                        }
                    });
        } catch (RuntimeException e) {
            fail(Errno.from(e, "getaddrinfo", host));
        }
    }

    private static StardustException notFound(String host) {
        return new StardustException("ENOTFOUND", "getaddrinfo ENOTFOUND " + host);
    }

    private void connect(List<LookupAddress> found, ConnectOptions options) {
        List<LookupAddress> usable = new ArrayList<>();
        for (LookupAddress a : found) {
            if (options.family() == 0 || a.family() == options.family()) {
                usable.add(a);
            }
        }
        if (usable.isEmpty()) {
            fail(notFound(options.host()));
            return;
        }
        List<LookupAddress> order = options.autoSelectFamily() ? interleave(usable) : usable.subList(0, 1);
        List<SocketAddress> targets = new ArrayList<>(order.size());
        for (LookupAddress a : order) {
            targets.add(new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(a.address()),
                    options.port()));
        }
        addresses = targets;
        attempt(options.autoSelectFamilyAttemptTimeout().toMillis(), local(options));
    }

    /** RFC 8305 section 4: the first address's family first, then the families taking turns. */
    static List<LookupAddress> interleave(List<LookupAddress> found) {
        int first = found.get(0).family();
        List<LookupAddress> preferred = new ArrayList<>();
        List<LookupAddress> other = new ArrayList<>();
        for (LookupAddress a : found) {
            (a.family() == first ? preferred : other).add(a);
        }
        List<LookupAddress> order = new ArrayList<>(found.size());
        for (int i = 0; i < Math.max(preferred.size(), other.size()); i++) {
            if (i < preferred.size()) {
                order.add(preferred.get(i));
            }
            if (i < other.size()) {
                order.add(other.get(i));
            }
        }
        return order;
    }

    /** The local address to bind, or null: {@code localAddress}, else the wildcard when only a port is asked. */
    private static @Nullable LocalBind local(ConnectOptions options) {
        if (options.localAddress().isEmpty() && options.localPort() == 0) {
            return null;
        }
        // ConnectOptions checked that it is an IP literal.
        InetAddress ip = options.localAddress().isEmpty() ? null
                : NetUtil.createInetAddressFromIpAddressString(Addresses.unbracket(options.localAddress()));
        return new LocalBind(ip, options.localPort());
    }

    /** Where an attempt binds before connecting: an IP (or the target family's wildcard) and a port. */
    private record LocalBind(@Nullable InetAddress ip, int port) {
        SocketAddress forTarget(SocketAddress target) {
            if (ip != null) {
                return new InetSocketAddress(ip, port);
            }
            boolean v6 = target instanceof InetSocketAddress t && t.getAddress() instanceof Inet6Address;
            return new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(v6 ? "::" : "0.0.0.0"), port);
        }
    }

    /** Starts the next address's attempt, and arms the timer that starts the one after if this one is slow. */
    private void attempt(long delayMs, @Nullable LocalBind local) {
        SocketAddress target = addresses.get(next++);
        lastTried = target;
        boolean domain = target instanceof DomainSocketAddress;
        Channel ch = domain ? loop.transportKind().newDomainSocketChannel() : loop.transportKind().newSocketChannel();
        Bootstrap bootstrap = new Bootstrap().group(loop.ioLoop()).channelFactory(() -> ch)
                .resolver(loop.addressResolvers())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, RealSocket.WATER_MARK)
                .handler(new FlushConsolidationHandler(256, true));
        attempts.add(ch);
        Future<?> connecting;
        try {
            connecting = local == null ? bootstrap.connect(target) : bootstrap.connect(target, local.forTarget(target));
        } catch (RuntimeException e) {
            attempts.remove(ch);
            ch.close();
            settled(target, e, delayMs, local);
            return;
        }
        connecting.addListener(f -> loop.invoke(() -> {
            attempts.remove(ch);
            if (finished()) {
                ch.close();
            } else if (f.isSuccess()) {
                won(ch);
            } else {
                ch.close();
                settled(target, f.cause(), delayMs, local);
            }
        }));
        if (next < addresses.size()) {
            stagger = loop.setTimer(() -> {
                stagger = null;
                if (!finished()) {
                    attempt(delayMs, local);
                }
            }, delayMs, false).unref();
        }
    }

    /** An attempt failed: the next address now (RFC 8305 section 5), or the socket's error once none is left. */
    private void settled(SocketAddress target, Throwable cause, long delayMs, @Nullable LocalBind local) {
        errors.add(Errno.from(cause, "connect", describe(target)));
        if (next < addresses.size()) {
            cancel(stagger);
            stagger = null;
            attempt(delayMs, local);
        } else if (attempts.isEmpty()) {
            fail(error());
        }
    }

    private void won(Channel ch) {
        finish();
        socket.attach(ch, true);
        socket.dialed();
    }

    private void timedOut() {
        deadline = null;
        if (!finished()) {
            SocketAddress last = lastTried;
            fail(new StardustException("ETIMEDOUT", "connect ETIMEDOUT " + (last == null || addresses.size() > 1
                    ? description : describe(last))));
        }
    }

    private StardustException error() {
        StardustException first = errors.get(0);
        if (errors.size() == 1) {
            return first;
        }
        StringBuilder message = new StringBuilder();
        for (StardustException e : errors) {
            String text = String.valueOf(e.getMessage());
            String prefix = e.code() + ": ";
            message.append(message.length() == 0 ? "" : "; ")
                    .append(text.startsWith(prefix) ? text.substring(prefix.length()) : text);
        }
        StardustException all = new StardustException(first.code(), message.toString(), first);
        errors.subList(1, errors.size()).forEach(all::addSuppressed);
        return all;
    }

    private void fail(Throwable error) {
        finish();
        socket.destroy(error);
    }

    /** Done, one way or the other: timers off, every attempt still running closed. */
    private void finish() {
        done = true;
        cancel(deadline);
        cancel(stagger);
        deadline = null;
        stagger = null;
        for (Channel ch : attempts) {
            ch.close();
        }
        attempts.clear();
    }

    private static void cancel(@Nullable Timer timer) {
        if (timer != null) {
            timer.close();
        }
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String ip = NetUtil.toAddressString(inet.getAddress());
            return ip + ":" + inet.getPort();
        }
        return address instanceof DomainSocketAddress unix ? unix.path() : String.valueOf(address);
    }
}
