package dev.stardust.examples;

import dev.stardust.Promise;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The agent's reports waiting for the collector, oldest first, each with a sequence number that continues across
 * restarts when the queue is durable: the {@link MemoryQueue}, or the {@link SpoolQueue} on disk. Both are bounded
 * and drop the oldest reports beyond the bound, counting them. Loop thread only.
 */
interface ReportQueue {

    /** One queued report: its sequence number and its JSON text. */
    record Entry(long seq, String json) {
    }

    /** Queues the report {@code render} makes for the next sequence number; the promise holds that number. */
    Promise<Long> add(LongFunction<String> render);

    /** Up to {@code max} of the oldest reports not yet acknowledged, oldest first; empty when none. */
    Promise<List<Entry>> peek(int max);

    /** Forgets every report up to and including {@code seq}: the collector has them. */
    Promise<Void> ack(long seq);

    /** Reports waiting. */
    long size();

    /** Reports dropped beyond the bound since the agent started. */
    long dropped();

    /**
     * The highest sequence number dropped beyond the bound, 0 when none: a report of a batch in flight that is
     * dropped meanwhile still reaches the collector, and the agent counts it as sent, not dropped.
     */
    long droppedThrough();

    /** Bytes the queue holds, on disk or in memory. */
    long bytes();

    /** Writes what is buffered to stable storage and releases the queue's files. */
    Promise<Void> close();
}
