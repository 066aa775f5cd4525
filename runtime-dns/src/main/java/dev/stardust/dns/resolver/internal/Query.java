package dev.stardust.dns.resolver.internal;

import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryEncoder;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One resolution: tries each server in turn, {@code tries} rounds, each try on a fresh UDP socket (a new random
 * source port) with a fresh random ID, falling back to TCP on the same server when the answer is truncated.
 * A reply counts only if it comes from the server asked, carries the ID sent and repeats the question asked;
 * anything else is dropped and the try goes on waiting. Each try's callbacks check that the try is still the
 * current one, so a late event from a closed socket changes nothing. Completes its promise exactly once.
 */
final class Query {
    private static final int MAX_UDP_ANSWER = 65_535;

    private final DnsClient client;
    private final RealLoop loop;
    private final DnsQuestion question;
    private final String name;
    private final String syscall;
    private final List<InetSocketAddress> servers;
    private final LoopPromise<List<ResourceRecord>> promise;
    private int attempt;
    private int generation;
    private int id;
    private @Nullable InetSocketAddress server;
    private @Nullable Channel channel;
    private @Nullable Timer timer;
    private @Nullable StardustException lastError;
    private boolean done;

    Query(DnsClient client, DnsQuestion question, String name, String syscall,
            LoopPromise<List<ResourceRecord>> promise) {
        this.client = client;
        this.loop = client.loop();
        this.question = question;
        this.name = name;
        this.syscall = syscall;
        this.servers = client.serverList();
        this.promise = promise;
    }

    void start() {
        nextTry();
    }

    /** Ends the query with {@code ECANCELLED} (node's {@code resolver.cancel()}). */
    void cancel() {
        fail(error("ECANCELLED", null));
    }

    private void nextTry() {
        endTry();
        if (done) {
            return;
        }
        if (servers.isEmpty() || attempt >= client.options().tries() * servers.size()) {
            fail(lastError != null ? lastError : error("ECONNREFUSED", null));
            return;
        }
        InetSocketAddress target = servers.get(attempt % servers.size());
        attempt++;
        server = target;
        id = client.nextId();
        int current = ++generation;
        timer = loop.setTimer(() -> {
            if (current == generation) {
                lastError = error("ETIMEOUT", null);
                nextTry();
            }
        }, client.options().timeout().toMillis(), false);
        sendUdp(target, current);
    }

    private void sendUdp(InetSocketAddress target, int current) {
        ChannelFuture connect = new Bootstrap().group(loop.ioLoop())
                .channelFactory(() -> {
                    DatagramChannel ch = loop.transportKind().newDatagramChannel(target.getAddress() instanceof Inet6Address);
                    ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_UDP_ANSWER));
                    return ch;
                })
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryEncoder(), new RawFilter(target, current),
                                new DatagramDnsResponseDecoder(new StrictRecordDecoder()),
                                new ResponseHandler(current, false));
                    }
                })
                // Connected: the kernel drops datagrams from other addresses and reports ICMP refusals.
                .connect(target);
        channel = connect.channel();
        connect.addListener((ChannelFuture f) -> {
            if (current != generation) {
                return;
            }
            if (!f.isSuccess()) {
                failTry(f.cause());
                return;
            }
            DatagramDnsQuery query = new DatagramDnsQuery(null, target, id);
            query.setRecursionDesired(true);
            query.addRecord(DnsSection.QUESTION, question);
            f.channel().writeAndFlush(query).addListener(w -> {
                if (!w.isSuccess() && current == generation) {
                    failTry(w.cause());
                }
            });
        });
    }

    private void sendTcp(InetSocketAddress target, int current) {
        closeChannel();
        Timer t = timer;
        if (t != null) {
            t.refresh();
        }
        ChannelFuture connect = new Bootstrap().group(loop.ioLoop())
                .channelFactory(() -> loop.transportKind().newSocketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) client.options().timeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new TcpDnsQueryEncoder(), new TcpDnsResponseDecoder(new StrictRecordDecoder(), MAX_UDP_ANSWER),
                                new ResponseHandler(current, true));
                    }
                })
                .connect(target);
        channel = connect.channel();
        connect.addListener((ChannelFuture f) -> {
            if (current != generation) {
                return;
            }
            if (!f.isSuccess()) {
                failTry(f.cause());
                return;
            }
            DefaultDnsQuery query = new DefaultDnsQuery(id);
            query.setRecursionDesired(true);
            query.addRecord(DnsSection.QUESTION, question);
            f.channel().writeAndFlush(query).addListener(w -> {
                if (!w.isSuccess() && current == generation) {
                    failTry(w.cause());
                }
            });
        });
    }

    private void onResponse(DnsResponse response, boolean overTcp, int current) {
        if (response.id() != id || !sameQuestion(response)) {
            return;
        }
        if (response.isTruncated() && !overTcp) {
            InetSocketAddress target = server;
            if (target != null) {
                sendTcp(target, current);
            }
            return;
        }
        DnsResponseCode code = response.code();
        if (code.equals(DnsResponseCode.NOERROR)) {
            List<ResourceRecord> answers;
            try {
                answers = Answers.decode(response, syscall, name);
            } catch (StardustException e) {
                lastError = e;
                nextTry();
                return;
            }
            succeed(answers);
        } else if (code.equals(DnsResponseCode.NXDOMAIN)) {
            fail(error("ENOTFOUND", null));
        } else {
            lastError = error(codeOf(code), null);
            nextTry();
        }
    }

    private boolean sameQuestion(DnsResponse response) {
        if (response.count(DnsSection.QUESTION) != 1) {
            return false;
        }
        DnsRecord q = response.recordAt(DnsSection.QUESTION);
        return q.type().equals(question.type()) && q.dnsClass() == question.dnsClass()
                && q.name().toLowerCase(Locale.ROOT).equals(question.name().toLowerCase(Locale.ROOT));
    }

    private static String codeOf(DnsResponseCode code) {
        int value = code.intValue();
        return switch (value) {
            case 1 -> "EFORMERR";
            case 2 -> "ESERVFAIL";
            case 4 -> "ENOTIMP";
            case 5 -> "EREFUSED";
            default -> "EBADRESP";
        };
    }

    private void failTry(Throwable cause) {
        String code = Errno.codeOf(cause);
        lastError = error(code.equals("ECONNRESET") || code.equals("EPIPE") ? "ECONNREFUSED" : code, cause);
        nextTry();
    }

    private void succeed(List<ResourceRecord> answers) {
        if (done) {
            return;
        }
        done = true;
        endTry();
        client.finished(this, answers);
        promise.resolve(answers);
    }

    private void fail(StardustException error) {
        if (done) {
            return;
        }
        done = true;
        endTry();
        client.finished(this, null);
        promise.reject(error);
    }

    private void endTry() {
        generation++;
        Timer t = timer;
        timer = null;
        if (t != null) {
            t.close();
        }
        closeChannel();
    }

    private void closeChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    private StardustException error(String code, @Nullable Throwable cause) {
        InetSocketAddress at = server;
        String where = code.equals("ETIMEOUT") && at != null ? " (server " + Servers.format(at) + ")" : "";
        return new StardustException(code, syscall + " " + code + " " + name + where, cause);
    }

    /**
     * Drops datagrams that do not come from the server asked, before they are decoded; a truncated reply to this
     * try's ID goes straight to TCP, since its record counts may promise more than it holds.
     */
    private final class RawFilter extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress expected;
        private final int current;

        RawFilter(InetSocketAddress expected, int current) {
            this.expected = expected;
            this.current = current;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DatagramPacket packet) {
                if (!expected.equals(packet.sender())) {
                    packet.release();
                    return;
                }
                ByteBuf b = packet.content();
                int at = b.readerIndex();
                if (b.readableBytes() >= 12 && b.getUnsignedShort(at) == id && (b.getByte(at + 2) & 0x82) == 0x82) {
                    packet.release();
                    if (current == generation) {
                        sendTcp(expected, current);
                    }
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Hands decoded replies to the query, always releasing them; decoding failures become {@code EBADRESP}. */
    private final class ResponseHandler extends ChannelInboundHandlerAdapter {
        private final int current;
        private final boolean overTcp;

        ResponseHandler(int current, boolean overTcp) {
            this.current = current;
            this.overTcp = overTcp;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (current == generation && msg instanceof DnsResponse response) {
                    onResponse(response, overTcp, current);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (overTcp && current == generation) {
                lastError = error("ECONNREFUSED", null);
                nextTry();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (current != generation) {
                return;
            }
            if (cause instanceof DecoderException) {
                lastError = error("EBADRESP", cause);
                nextTry();
            } else {
                failTry(cause);
            }
        }
    }
}
