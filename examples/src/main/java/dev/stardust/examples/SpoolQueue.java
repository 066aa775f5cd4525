package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.Promise;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The agent's durable {@link ReportQueue}: a {@link Spool} on disk driven from the loop, each file operation on the
 * worker pool as Stardust's {@code fs} does. The counters the agent shows are read from the spool directly (a
 * monitor, not a file operation). Loop thread only.
 */
final class SpoolQueue implements ReportQueue {
    private final Loop loop;
    private final Spool spool;

    private SpoolQueue(Loop loop, Spool spool) {
        this.loop = loop;
        this.spool = spool;
    }

    /** Opens the spool in {@code dir} on the worker pool. */
    static Promise<SpoolQueue> open(Path dir, long maxBytes) {
        Loop loop = Loop.current();
        return loop.executeBlocking(() -> new SpoolQueue(loop, new Spool(dir, maxBytes)));
    }

    /** The agent id kept with the spool. */
    String agentId() {
        return spool.agentId();
    }

    @Override
    public Promise<Long> add(LongFunction<String> render) {
        return loop.executeBlocking(() -> spool.append(render));
    }

    @Override
    public Promise<List<Entry>> peek(int max) {
        return loop.executeBlocking(() -> spool.peek(max));
    }

    @Override
    public Promise<Void> ack(long seq) {
        return loop.executeBlocking(() -> {
            spool.ack(seq);
            return null;
        });
    }

    @Override
    public long size() {
        return spool.size();
    }

    @Override
    public long dropped() {
        return spool.dropped();
    }

    @Override
    public long droppedThrough() {
        return spool.droppedThrough();
    }

    @Override
    public long bytes() {
        return spool.bytes();
    }

    @Override
    public Promise<Void> close() {
        return loop.executeBlocking(() -> {
            spool.close();
            return null;
        });
    }
}
