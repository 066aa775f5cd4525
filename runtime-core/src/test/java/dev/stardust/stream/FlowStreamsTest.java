package dev.stardust.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code FlowStreams}: Stardust streams as {@link Flow} publishers and back, with demand as backpressure. Threads
 * other than the loop's request, cancel and publish; buffers are counted, never waited for.
 */
class FlowStreamsTest {
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThreads() {
        other.shutdownNow();
    }

    /** Counts pushes and pushes 0, 1, 2, ... up to {@code count}, then ends; buffers 4 at most. */
    private static final class Counting extends Readable<Integer> {
        final int count;
        int pushed;

        Counting(int count) {
            super(4);
            this.count = count;
        }

        @Override
        protected void doRead(int size) {
            while (pushed < count) {
                if (!push(pushed++)) {
                    return;
                }
            }
            push(null);
        }
    }

    /** A subscriber that asks for one item at a time, from another thread, after each item it got. */
    private class OneAtATime implements Flow.Subscriber<Integer> {
        final List<Integer> items = new ArrayList<>();
        final Consumer<Integer> onItem;
        final Consumer<Throwable> onError;
        final Runnable onComplete;
        volatile Flow.Subscription subscription;

        OneAtATime(Consumer<Integer> onItem, Consumer<Throwable> onError, Runnable onComplete) {
            this.onItem = onItem;
            this.onError = onError;
            this.onComplete = onComplete;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            other.execute(() -> s.request(1));
        }

        @Override
        public void onNext(Integer item) {
            items.add(item);
            onItem.accept(item);
            other.execute(() -> subscription.request(1));
        }

        @Override
        public void onError(Throwable error) {
            onError.accept(error);
        }

        @Override
        public void onComplete() {
            onComplete.run();
        }
    }

    @Test
    void aSlowSubscribersDemandPausesTheSourceSoItNeverRunsAhead() {
        List<Integer> expected = IntStream.range(0, 300).boxed().collect(Collectors.toList());
        LoopTester.run(t -> {
            Counting source = new Counting(300);
            int[] maxAhead = new int[1];
            OneAtATime[] subscriber = new OneAtATime[1];
            subscriber[0] = new OneAtATime(item -> {
                assertTrue(t.loop().inLoopThread(), "signals arrive on the loop");
                maxAhead[0] = Math.max(maxAhead[0], source.pushed - subscriber[0].items.size());
            }, t.expect(e -> { }, 0), t.expect(() -> {
                assertEquals(expected, subscriber[0].items);
                assertTrue(maxAhead[0] <= 4 + 1, "the source ran " + maxAhead[0] + " items ahead of the demand");
            }));
            FlowStreams.toPublisher(source).subscribe(subscriber[0]);
        });
    }

    @Test
    void cancelFromAnotherThreadDestroysTheSourceAndEndsTheSignals() {
        AtomicInteger afterCancel = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        LoopTester.run(t -> {
            TestStreams.Endless source = new TestStreams.Endless("chunk");
            source.onClose(t.expect(() -> assertTrue(source.destroyed())));
            FlowStreams.toPublisher(source).subscribe(new Flow.Subscriber<>() {
                Flow.Subscription subscription;
                int count;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    other.execute(() -> s.request(Long.MAX_VALUE));
                }

                @Override
                public void onNext(dev.stardust.Buffer item) {
                    if (cancelled.get()) {
                        afterCancel.incrementAndGet();
                    }
                    if (++count == 5) {
                        other.execute(() -> {
                            subscription.cancel();
                            cancelled.set(true);
                        });
                    }
                }

                @Override
                public void onError(Throwable error) {
                    throw new AssertionError("no signal after cancel", error);
                }

                @Override
                public void onComplete() {
                    throw new AssertionError("no signal after cancel");
                }
            });
        });
        assertTrue(cancelled.get());
        // Reactive Streams 3.12 lets signals stop "eventually": an onNext that passed the loop's check of the
        // cancelled flag just before cancel() set it may still start after cancel() returned, but no second one.
        assertTrue(afterCancel.get() <= 1, "at most the onNext already under way once cancel returned: "
                + afterCancel.get());
    }

    @Test
    void theSourcesErrorFailsTheSubscriberOnce() {
        StardustException reset = new StardustException("ECONNRESET", "socket hang up");
        LoopTester.run(t -> {
            Counting source = new Counting(1000);
            OneAtATime subscriber = new OneAtATime(item -> {
                if (item == 3) {
                    Timers.setImmediate(() -> source.destroy(reset));
                }
            }, t.expect(e -> assertSame(reset, e)), t.expect(() -> { }, 0));
            FlowStreams.toPublisher(source).subscribe(subscriber);
        });
    }

    @Test
    void aSecondSubscriberAndANonPositiveRequestAreRefusedWithOnError() {
        LoopTester.run(t -> {
            Counting source = new Counting(10);
            Flow.Publisher<Integer> publisher = FlowStreams.toPublisher(source);
            publisher.subscribe(new OneAtATime(item -> { }, t.expect(e -> { }, 0), t.expect(() -> { })));
            publisher.subscribe(new OneAtATime(item -> { },
                    t.expect(e -> assertInstanceOf(IllegalStateException.class, e)), t.expect(() -> { }, 0)));

            Counting other = new Counting(10);
            other.onClose(t.expect(() -> { }));
            FlowStreams.toPublisher(other).subscribe(new OneAtATime(item -> { },
                    t.expect(e -> assertInstanceOf(IllegalArgumentException.class, e)), t.expect(() -> { }, 0)) {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(0);
                }
            });
        });
    }

    @Test
    void aSubmissionPublisherFeedsAReadableThatRequestsOnlyWhatItCanHold() {
        int total = 500;
        AtomicInteger submitted = new AtomicInteger();
        List<Integer> read = new ArrayList<>();
        int[] maxInFlight = new int[1];
        ExecutorService delivery = Executors.newSingleThreadExecutor();
        try {
            LoopTester.run(t -> {
                SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(delivery, 8);
                Readable<Integer> readable = FlowStreams.fromPublisher(publisher, 16);
                other.execute(() -> {
                    for (int i = 0; i < total; i++) {
                        publisher.submit(i); // blocks while the subscriber's buffer of 8 is full
                        submitted.incrementAndGet();
                    }
                    publisher.close();
                });
                readable.pause();
                readable.onEnd(t.expect(() -> { }));
                Runnable[] readOne = new Runnable[1];
                readOne[0] = () -> {
                    Integer item = readable.read();
                    if (item != null) {
                        read.add(item);
                        maxInFlight[0] = Math.max(maxInFlight[0], submitted.get() - read.size());
                        assertTrue(readable.readableLength() <= 16 + 16, readable.readableLength() + " buffered");
                    }
                    if (!readable.readableEndPushed() || readable.readableLength() > 0) {
                        Timers.setImmediate(readOne[0]); // one item per turn: a consumer slower than the producer
                    } else {
                        readable.read(); // lets the end be emitted
                    }
                };
                readOne[0].run();
            });
        } finally {
            delivery.shutdownNow();
        }
        assertEquals(IntStream.range(0, total).boxed().collect(Collectors.toList()), read);
        // The publisher's buffer (8), what the readable requested (a batch of 16) and holds (16), and one submit.
        assertTrue(maxInFlight[0] <= 8 + 16 + 16 + 1, "the producer ran " + maxInFlight[0] + " items ahead");
    }

    @Test
    void destroyingTheReadableCancelsTheSubscription() {
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Long> requests = new ArrayList<>();
        LoopTester.run(t -> {
            Readable<String> readable = FlowStreams.fromPublisher(subscriber -> other.execute(() -> {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        requests.add(n);
                        other.execute(() -> subscriber.onNext("item"));
                    }

                    @Override
                    public void cancel() {
                        cancelled.set(true);
                    }
                });
            }), 4);
            readable.onData(t.expect(item -> readable.destroy()));
            readable.onClose(t.expect(() -> { }));
        });
        assertTrue(cancelled.get());
        assertEquals(List.of(4L), requests);
    }

    @Test
    void aRoundTripThroughFlowKeepsEveryLine() {
        LoopTester.run(t -> {
            Readable<String> lines = Lines.from(TestStreams.chunked("a\nb\nc\n", 1));
            Readable<String> back = FlowStreams.fromPublisher(FlowStreams.toPublisher(lines), 2);
            Consumers.text(back.pipe(new Transform<String, dev.stardust.Buffer>() {
                @Override
                protected void doTransform(String line, Consumer<Throwable> callback) {
                    push(dev.stardust.Buffer.from(line + ";"));
                    callback.accept(null);
                }
            }), 100).onSuccess(t.expect(text -> assertEquals("a;b;c;", text)));
        });
    }
}
