package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's durable queue on its own: order, acknowledgement, recovery after a crash, the bound. */
class SpoolTest {
    @TempDir
    Path dir;

    private static String report(long seq) {
        return "{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(80) + "\"}";
    }

    private static List<Long> seqs(List<ReportQueue.Entry> batch) {
        return batch.stream().map(ReportQueue.Entry::seq).toList();
    }

    private List<Long> drain(Spool spool) throws IOException {
        List<Long> all = new ArrayList<>();
        while (true) {
            List<ReportQueue.Entry> batch = spool.peek(7);
            if (batch.isEmpty()) {
                return all;
            }
            for (ReportQueue.Entry e : batch) {
                assertEquals(report(e.seq()), e.json());
                all.add(e.seq());
            }
            spool.ack(batch.get(batch.size() - 1).seq());
        }
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    @Test
    void reportsComeBackInOrderAndAcknowledgedOnesAreGone() throws IOException {
        try (Spool spool = new Spool(dir, 1 << 20)) {
            for (int i = 1; i <= 20; i++) {
                assertEquals(i, spool.append(SpoolTest::report));
            }
            assertEquals(List.of(1L, 2L, 3L), seqs(spool.peek(3)));
            assertEquals(List.of(1L, 2L, 3L), seqs(spool.peek(3)), "peek does not consume");
            spool.ack(3);
            assertEquals(17, spool.size());
            assertEquals(List.of(4L, 5L), seqs(spool.peek(2)));
            List<Long> rest = drain(spool);
            assertEquals(17, rest.size());
            assertEquals(4L, rest.get(0));
            assertEquals(20L, rest.get(16));
            assertEquals(0, spool.size());
            assertEquals(0, segmentFiles(), "a fully acknowledged spool keeps no segment");
            assertEquals(21, spool.append(SpoolTest::report), "numbers go on");
        }
    }

    @Test
    void anotherAgentCannotOpenASpoolInUse() throws IOException {
        try (Spool spool = new Spool(dir, 1 << 20)) {
            IOException e = assertThrows(IOException.class, () -> new Spool(dir, 1 << 20));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void aReopenedSpoolResumesAfterTheLastAcknowledgementWithTheSameIdAndNumbers() throws IOException {
        String id;
        try (Spool spool = new Spool(dir, 1 << 20)) {
            id = spool.agentId();
            for (int i = 0; i < 30; i++) {
                spool.append(SpoolTest::report);
            }
            spool.peek(10);
            spool.ack(10);
            spool.peek(5);
            spool.ack(12); // a partial acknowledgement of a peeked batch
        }
        try (Spool spool = new Spool(dir, 1 << 20)) {
            assertEquals(id, spool.agentId());
            assertEquals(12, spool.acked());
            assertEquals(18, spool.size());
            assertEquals(31, spool.append(SpoolTest::report));
            List<Long> rest = drain(spool);
            assertEquals(19, rest.size());
            for (int i = 0; i < rest.size(); i++) {
                assertEquals(13 + i, rest.get(i));
            }
        }
    }

    @Test
    void aTornLastLineIsCutAtRecoveryAndItsNumberReused() throws IOException {
        try (Spool spool = new Spool(dir, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                spool.append(SpoolTest::report);
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        // What an agent killed in the middle of a write leaves: half a line.
        Files.writeString(segment, "{\"seq\":6,\"pa", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Spool spool = new Spool(dir, 1 << 20)) {
            assertEquals(5, spool.size());
            assertEquals(6, spool.append(SpoolTest::report));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), drain(spool));
        }
    }

    @Test
    void beyondTheBoundTheOldestSegmentGoesAndItsReportsAreCounted() throws IOException {
        long bound = 8 * 1024; // segments of 1 KiB, about 10 reports of 100 bytes each
        try (Spool spool = new Spool(dir, bound)) {
            for (int i = 0; i < 500; i++) {
                spool.append(SpoolTest::report);
                assertTrue(spool.bytes() <= bound, spool.bytes() + " bytes");
            }
            long dropped = spool.dropped();
            assertTrue(dropped > 400 && dropped < 500, dropped + " dropped");
            assertEquals(500 - dropped, spool.size());
            List<Long> rest = drain(spool);
            assertEquals(500 - dropped, rest.size());
            // The survivors are the newest, contiguous, ending with the last one.
            assertEquals(500L, rest.get(rest.size() - 1));
            assertEquals(dropped + 1, rest.get(0));
        }
    }

    @Test
    void reportsDroppedWhileABatchIsOutAreNotSentTwice() throws IOException {
        try (Spool spool = new Spool(dir, 2048)) {
            for (int i = 0; i < 5; i++) {
                spool.append(SpoolTest::report);
            }
            List<ReportQueue.Entry> inFlight = spool.peek(3);
            for (int i = 0; i < 60; i++) {
                spool.append(SpoolTest::report); // overflows: the segment of the batch in flight is dropped
            }
            spool.ack(inFlight.get(2).seq());
            List<Long> rest = drain(spool);
            assertEquals(65L, rest.get(rest.size() - 1));
            assertTrue(rest.get(0) > 3, rest.toString());
            // Every report is either still there or counted as dropped (the batch's too: its ack came too late).
            assertEquals(65, rest.size() + spool.dropped());
        }
    }
}
