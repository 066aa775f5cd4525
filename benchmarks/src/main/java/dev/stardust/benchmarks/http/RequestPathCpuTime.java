package dev.stardust.benchmarks.http;

import dev.stardust.Loop;
import dev.stardust.internal.RealLoop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.IoEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link RequestPathBenchmark}'s work measured in the serving thread's CPU time and allocated bytes per request
 * instead of wall time, which a shared machine distorts: {@code java -cp stardust-benchmarks.jar
 * dev.stardust.benchmarks.http.RequestPathCpuTime [ROUNDS]}. Each round is 4,000 batches of 256 pipelined requests
 * after a warm-up of 20,000; prints Stardust's and the floor's figures side by side.
 */
public final class RequestPathCpuTime {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RequestPathCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ByteBuf requests = RequestPathBenchmark.requests();
        Loop loop = Loop.start();
        try {
            IoEventLoop io = ((RealLoop) loop).ioLoop();
            EmbeddedChannel stardust = loop.submit(RequestPathBenchmark::stardustChannel).get(10, TimeUnit.SECONDS);
            EmbeddedChannel floor = new EmbeddedChannel(new HttpServerCodec(), new RequestPathBenchmark.FloorHello());
            for (int round = 0; round <= rounds; round++) {
                int batches = round == 0 ? 20_000 : 4_000;
                double[] s = measure(io, stardust, requests, batches);
                double[] f = measure(null, floor, requests, batches);
                if (round > 0) {
                    System.out.printf("round %d: stardust %,.0f ns CPU, %,.0f B per request; floor %,.0f ns, %,.0f B"
                            + " (%.2fx CPU)%n", round, s[0], s[1], f[0], f[1], s[0] / f[0]);
                }
            }
        } finally {
            loop.close().get(10, TimeUnit.SECONDS);
        }
    }

    /** CPU nanoseconds and bytes allocated per request on the thread that serves {@code channel}. */
    private static double[] measure(IoEventLoop io, EmbeddedChannel channel, ByteBuf requests, int batches)
            throws Exception {
        long[] totals = new long[2];
        for (int b = 0; b < batches; b++) {
            if (io == null) {
                run(channel, requests, totals);
                continue;
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            long[] start = new long[2];
            io.execute(() -> {
                start[0] = THREADS.getCurrentThreadCpuTime();
                start[1] = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                channel.writeInbound(requests.duplicate());
                io.execute(() -> {
                    RequestPathBenchmark.drain(channel);
                    totals[0] += THREADS.getCurrentThreadCpuTime() - start[0];
                    totals[1] += THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - start[1];
                    done.complete(null);
                });
            });
            done.get(10, TimeUnit.SECONDS);
        }
        double requestsServed = (double) batches * RequestPathBenchmark.BATCH;
        return new double[] {totals[0] / requestsServed, totals[1] / requestsServed};
    }

    private static void run(EmbeddedChannel channel, ByteBuf requests, long[] totals) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        channel.writeInbound(requests.duplicate());
        RequestPathBenchmark.drain(channel);
        totals[0] += THREADS.getCurrentThreadCpuTime() - cpu;
        totals[1] += THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocated;
    }
}
