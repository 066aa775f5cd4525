package dev.stardust.examples;

import dev.stardust.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The agent's queue when it has no spool directory: at most {@code bound} reports in memory, the oldest dropped and
 * counted beyond that; lost with the process. Sequence numbers start at 1 for each process, which is why such an
 * agent names itself with a fresh random id at each start. Loop thread only.
 */
final class MemoryQueue implements ReportQueue {
    private final int bound;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextSeq = 1;
    private long dropped;
    private long droppedThrough;
    private long bytes;

    MemoryQueue(int bound) {
        this.bound = Math.max(1, bound);
    }

    @Override
    public Promise<Long> add(LongFunction<String> render) {
        long seq = nextSeq++;
        if (entries.size() >= bound) {
            Entry oldest = entries.pollFirst();
            bytes -= oldest.json().length();
            dropped++;
            droppedThrough = oldest.seq();
        }
        Entry entry = new Entry(seq, render.apply(seq));
        entries.addLast(entry);
        bytes += entry.json().length();
        return Promise.resolved(seq);
    }

    @Override
    public Promise<List<Entry>> peek(int max) {
        List<Entry> batch = new ArrayList<>(Math.min(max, entries.size()));
        for (Entry e : entries) {
            if (batch.size() == max) {
                break;
            }
            batch.add(e);
        }
        return Promise.resolved(batch);
    }

    @Override
    public Promise<Void> ack(long seq) {
        while (!entries.isEmpty() && entries.peekFirst().seq() <= seq) {
            bytes -= entries.pollFirst().json().length();
        }
        return Promise.resolved(null);
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public long dropped() {
        return dropped;
    }

    @Override
    public long droppedThrough() {
        return droppedThrough;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public Promise<Void> close() {
        return Promise.resolved(null);
    }
}
