package dev.stardust.benchmarks.http;

import dev.stardust.Loop;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.http.HttpServerOptions;
import dev.stardust.http.internal.ServerCore;
import dev.stardust.internal.RealLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.IoEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The server's request path without the network: {@value #BATCH} pipelined {@code GET /} requests, as wrk sends
 * them, go into an embedded channel in one buffer and every response comes out encoded. {@code stardust} is the
 * hello example's handler behind Stardust's connection (decoder, checks, request and response objects, encoder);
 * {@code netty} is the floor: Netty's {@code HttpServerCodec} and a handler writing the same response bytes (the
 * same headers, with a cached {@code Date}). Stardust's batch runs on its loop thread; the per-batch hand-over to it
 * costs a few microseconds, under 0.05 µs per request. Run with {@code -prof gc} for allocation per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(RequestPathBenchmark.BATCH)
public class RequestPathBenchmark {
    static final int BATCH = 256;
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Param({"stardust", "netty"})
    String server;

    private Loop loop;
    private EmbeddedChannel channel;
    private ByteBuf requests;
    private int responseBytes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        requests = requests();
        if (server.equals("stardust")) {
            loop = Loop.start();
            channel = loop.submit(RequestPathBenchmark::stardustChannel).get(10, TimeUnit.SECONDS);
        } else {
            channel = new EmbeddedChannel(new HttpServerCodec(), new FloorHello());
        }
        int total = batch();
        responseBytes = total / BATCH;
    }

    /** {@value #BATCH} pipelined requests in one buffer that survives any number of reads. */
    static ByteBuf requests() {
        ByteBuf all = Unpooled.buffer(REQUEST.length * BATCH);
        for (int i = 0; i < BATCH; i++) {
            all.writeBytes(REQUEST);
        }
        return Unpooled.unreleasableBuffer(all);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        System.out.println();
        System.out.println(server + ": " + responseBytes + " bytes per response");
        if (loop != null) {
            loop.submit(() -> channel.finishAndReleaseAll()).get(10, TimeUnit.SECONDS);
            loop.close().get(10, TimeUnit.SECONDS);
        } else {
            channel.finishAndReleaseAll();
        }
    }

    /** One batch of pipelined requests in, every response out; returns the response bytes. */
    @Benchmark
    public int batch() throws Exception {
        if (loop == null) {
            channel.writeInbound(requests.duplicate());
            return drain(channel);
        }
        // As a socket's reads do, the batch arrives as a task of the I/O loop itself (not a Stardust callback), so
        // each request's ticks run when its read returns; the responses are collected in a later task.
        CompletableFuture<Integer> out = new CompletableFuture<>();
        IoEventLoop io = ((RealLoop) loop).ioLoop();
        io.execute(() -> {
            channel.writeInbound(requests.duplicate());
            io.execute(() -> {
                try {
                    out.complete(drain(channel));
                } catch (RuntimeException e) {
                    out.completeExceptionally(e);
                }
            });
        });
        return out.get(10, TimeUnit.SECONDS);
    }

    static int drain(EmbeddedChannel channel) {
        channel.runPendingTasks();
        int bytes = 0;
        Object out;
        while ((out = channel.readOutbound()) != null) {
            if (out instanceof ByteBuf b) {
                bytes += b.readableBytes();
            }
            ReferenceCountUtil.release(out);
        }
        if (bytes == 0) {
            throw new IllegalStateException("no response came out");
        }
        return bytes;
    }

    /** The hello example's server, serving an embedded channel; runs on the loop thread. */
    static EmbeddedChannel stardustChannel() {
        HttpServerOptions options = HttpServerOptions.defaults();
        HttpServer server = Http.createServer(options);
        ServerCore core = new ServerCore(RealLoop.current(), options, server);
        core.addRequestHandler((req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain"));
            res.end("Hello world\n");
        });
        EmbeddedChannel channel = new LoopbackEmbeddedChannel();
        core.serve(channel);
        return channel;
    }

    /** An embedded channel with the socket addresses a TCP connection on loopback has, as requests report them. */
    private static final class LoopbackEmbeddedChannel extends EmbeddedChannel {
        @Override
        protected SocketAddress localAddress0() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
        }
    }

    /** The floor: Netty's codec and a full response with Stardust's headers, flushed once per read batch. */
    static final class FloorHello extends ChannelInboundHandlerAdapter {
        private static final byte[] BODY = "Hello world\n".getBytes(StandardCharsets.US_ASCII);
        private static final AsciiString DATE = AsciiString.cached("Mon, 07 Dec 2026 12:00:00 GMT");
        private static final AsciiString KEEP_ALIVE = AsciiString.cached("timeout=5");

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(BODY));
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length)
                        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                        .set(HttpHeaderNames.KEEP_ALIVE, KEEP_ALIVE)
                        .set(HttpHeaderNames.DATE, DATE);
                ctx.write(res);
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
