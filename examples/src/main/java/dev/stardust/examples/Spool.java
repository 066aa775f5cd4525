package dev.stardust.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The agent's durable queue: reports appended as JSON lines to segment files in a directory, read back oldest first,
 * and deleted once the collector has them. A segment is named by the sequence number of its first report; the last
 * acknowledged number is kept in {@code ack} (replaced atomically), the agent's id in {@code agent-id}, and
 * {@code lock} keeps a second agent out.
 *
 * <p>Bound: the segments hold at most {@code maxBytes} (plus one report); a report that would pass it deletes the
 * oldest segment (an eighth of the bound) and counts its unsent reports as dropped. Durability: every report is
 * written to the file before {@link #append} returns, so a killed agent ({@code kill -9}) loses nothing: the kernel
 * has the pages. A torn last line (the agent killed inside a write) is cut at recovery. Only {@link #sync} (on
 * SIGTERM and close) forces the data to the device; a power cut may lose the last unsynced reports, and a lost
 * acknowledgement means reports sent twice, which the collector drops by id. Blocking: the agent calls it from its
 * worker pool; every method is synchronized.
 */
final class Spool implements AutoCloseable {
    private static final String SUFFIX = ".seg";
    private static final int READ_CHUNK = 64 * 1024;

    private static final class Segment {
        final Path path;
        final long firstSeq;
        long lastSeq;
        long bytes;

        Segment(Path path, long firstSeq, long lastSeq, long bytes) {
            this.path = path;
            this.firstSeq = firstSeq;
            this.lastSeq = lastSeq;
            this.bytes = bytes;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final String agentId;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private FileChannel writer;
    private Segment current;
    private long acked;
    private long nextSeq;
    /** The oldest unacknowledged report: its number and its offset in the first segment. */
    private long cursorSeq;
    private long cursorOffset;
    /** Where the last {@link #peek} ended, so that acknowledging that batch reads nothing again. */
    private Segment peekSegment;
    private long peekEndSeq;
    private long peekEndOffset;
    private long totalBytes;
    private long dropped;
    private long droppedThrough;

    /** Opens (creating it if needed) the spool in {@code dir}, recovering what a previous agent left there. */
    Spool(Path dir, long maxBytes) throws IOException {
        this.dir = dir;
        this.maxBytes = Math.max(1024, maxBytes);
        this.segmentBytes = Math.max(512, this.maxBytes / 8);
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
            held = null;
        }
        if (held == null) {
            lockChannel.close();
            throw new IOException("spool " + dir + " is in use by another agent");
        }
        lock = held;
        Path idFile = dir.resolve("agent-id");
        if (Files.exists(idFile)) {
            agentId = Files.readString(idFile).trim();
        } else {
            agentId = UUID.randomUUID().toString();
            replace(idFile, agentId);
        }
        Path ackFile = dir.resolve("ack");
        acked = Files.exists(ackFile) ? Long.parseLong(Files.readString(ackFile).trim()) : 0;
        recover();
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        long last = acked;
        for (Path file : files) {
            String name = file.getFileName().toString();
            long first = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
            byte[] data = Files.readAllBytes(file);
            int lines = 0;
            int end = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    lines++;
                    end = i + 1;
                }
            }
            if (end < data.length) {
                // A write cut short by a kill: the line is incomplete, the report it held is not there.
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(end);
                }
            }
            long lastSeq = first + lines - 1;
            if (lines == 0 || lastSeq <= acked) {
                Files.delete(file);
                continue;
            }
            segments.addLast(new Segment(file, first, lastSeq, end));
            totalBytes += end;
            last = Math.max(last, lastSeq);
        }
        nextSeq = last + 1;
        Segment front = segments.peekFirst();
        cursorSeq = front == null ? acked + 1 : Math.max(acked + 1, front.firstSeq);
        cursorOffset = front == null ? 0 : skipLines(front, 0, cursorSeq - front.firstSeq);
        while (totalBytes > maxBytes && segments.size() > 1) {
            dropOldest();
        }
    }

    /** The agent's id, made once and kept with the spool so that its sequence numbers stay unique. */
    String agentId() {
        return agentId;
    }

    /** Appends the report {@code render} makes for the next sequence number; returns that number. */
    synchronized long append(LongFunction<String> render) throws IOException {
        long seq = nextSeq;
        byte[] line = (render.apply(seq) + "\n").getBytes(StandardCharsets.UTF_8);
        if (current == null || (current.bytes > 0 && current.bytes + line.length > segmentBytes)) {
            roll(seq);
        }
        while (totalBytes + line.length > maxBytes && segments.size() > 1) {
            dropOldest();
        }
        ByteBuffer data = ByteBuffer.wrap(line);
        while (data.hasRemaining()) {
            writer.write(data);
        }
        nextSeq++;
        current.lastSeq = seq;
        current.bytes += line.length;
        totalBytes += line.length;
        return seq;
    }

    private void roll(long firstSeq) throws IOException {
        if (writer != null) {
            writer.close();
        }
        Path file = dir.resolve(String.format("%020d%s", firstSeq, SUFFIX));
        writer = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        current = new Segment(file, firstSeq, firstSeq - 1, 0);
        segments.addLast(current);
        if (segments.size() == 1) {
            cursorSeq = Math.max(cursorSeq, firstSeq);
            cursorOffset = 0;
        }
    }

    private void dropOldest() throws IOException {
        Segment oldest = segments.pollFirst();
        long unsent = oldest.lastSeq - Math.max(cursorSeq, oldest.firstSeq) + 1;
        dropped += Math.max(0, unsent);
        if (unsent > 0) {
            droppedThrough = oldest.lastSeq;
        }
        totalBytes -= oldest.bytes;
        Files.deleteIfExists(oldest.path);
        Segment next = segments.peekFirst();
        cursorSeq = Math.max(cursorSeq, next == null ? oldest.lastSeq + 1 : next.firstSeq);
        cursorOffset = 0;
    }

    /** Up to {@code max} of the oldest unacknowledged reports, from the first segment only; empty when none. */
    synchronized List<ReportQueue.Entry> peek(int max) throws IOException {
        List<ReportQueue.Entry> batch = new ArrayList<>();
        Segment front = segments.peekFirst();
        if (front == null || cursorSeq > front.lastSeq || max <= 0) {
            return batch;
        }
        long remaining = front.bytes - cursorOffset;
        byte[] data = read(front, cursorOffset, (int) Math.min(remaining, READ_CHUNK));
        if (indexOf(data, 0) < 0 && remaining > data.length) {
            data = read(front, cursorOffset, (int) remaining);
        }
        int start = 0;
        long seq = cursorSeq;
        while (batch.size() < max && seq <= front.lastSeq) {
            int nl = indexOf(data, start);
            if (nl < 0) {
                break;
            }
            batch.add(new ReportQueue.Entry(seq, new String(data, start, nl - start, StandardCharsets.UTF_8)));
            start = nl + 1;
            seq++;
        }
        peekSegment = front;
        peekEndSeq = seq;
        peekEndOffset = cursorOffset + start;
        return batch;
    }

    /** Forgets every report up to {@code seq}, deleting the segments that hold nothing else; persists the number. */
    synchronized void ack(long seq) throws IOException {
        if (seq < cursorSeq) {
            return;
        }
        while (!segments.isEmpty()) {
            Segment front = segments.peekFirst();
            if (seq >= front.lastSeq) {
                segments.pollFirst();
                totalBytes -= front.bytes;
                if (front == current) {
                    writer.close();
                    writer = null;
                    current = null;
                }
                Files.deleteIfExists(front.path);
                Segment next = segments.peekFirst();
                cursorSeq = next == null ? seq + 1 : Math.max(seq + 1, next.firstSeq);
                cursorOffset = 0;
                if (next == null || seq < next.firstSeq) {
                    break;
                }
                continue;
            }
            cursorOffset = peekSegment == front && peekEndSeq == seq + 1 ? peekEndOffset
                    : skipLines(front, cursorOffset, seq + 1 - cursorSeq);
            cursorSeq = seq + 1;
            break;
        }
        acked = Math.max(acked, seq);
        replace(dir.resolve("ack"), Long.toString(acked));
    }

    /** Reports waiting. */
    synchronized long size() {
        Segment last = segments.peekLast();
        return last == null ? 0 : Math.max(0, last.lastSeq - cursorSeq + 1);
    }

    /** The highest sequence number dropped unsent beyond the bound, 0 when none. */
    synchronized long droppedThrough() {
        return droppedThrough;
    }

    /** Reports dropped beyond the bound since this spool was opened. */
    synchronized long dropped() {
        return dropped;
    }

    /** Bytes the segments hold. */
    synchronized long bytes() {
        return totalBytes;
    }

    /** The last sequence number the collector acknowledged. */
    synchronized long acked() {
        return acked;
    }

    /** Forces the current segment to the device. */
    synchronized void sync() throws IOException {
        if (writer != null) {
            writer.force(false);
        }
    }

    /** Syncs, then releases the files and the lock. */
    @Override
    public synchronized void close() throws IOException {
        sync();
        if (writer != null) {
            writer.close();
            writer = null;
        }
        lock.release();
        lockChannel.close();
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] read(Segment segment, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        try (FileChannel ch = FileChannel.open(segment.path, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
        }
        return buf.position() == length ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    /** The offset {@code lines} whole lines after {@code offset} in {@code segment}. */
    private static long skipLines(Segment segment, long offset, long lines) throws IOException {
        long pos = offset;
        while (lines > 0 && pos < segment.bytes) {
            byte[] data = read(segment, pos, (int) Math.min(READ_CHUNK, segment.bytes - pos));
            int i = 0;
            for (; i < data.length && lines > 0; i++) {
                if (data[i] == '\n') {
                    lines--;
                }
            }
            pos += i;
        }
        return pos;
    }

    /** Replaces {@code file}'s content atomically: a new file renamed over the old one. */
    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
