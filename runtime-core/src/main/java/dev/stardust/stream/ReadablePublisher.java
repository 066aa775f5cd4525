package dev.stardust.stream;

import dev.stardust.internal.RealLoop;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The publisher {@link FlowStreams#toPublisher} returns. All its state lives on the loop: {@code request} and
 * {@code cancel} hop there. The source flows only while demand is left and is paused when it runs out; an item the
 * source emits all the same (a decoder's last characters) waits in a small queue for the next request, so the
 * subscriber never gets more than it asked for (Reactive Streams 1.1).
 */
final class ReadablePublisher<T> implements Flow.Publisher<T> {
    private final RealLoop loop = RealLoop.current();
    private final ReadableStream<T> source;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    ReadablePublisher(ReadableStream<T> source) {
        this.source = source;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("this publisher has a subscriber already"));
            return;
        }
        loop.executeInternal(() -> new Delivery<>(loop, source, subscriber).start());
    }

    /** One subscription: demand, the source's events, and the exactly-once end. Loop thread only, but cancel. */
    private static final class Delivery<T> implements Flow.Subscription {
        private final RealLoop loop;
        private final ReadableStream<T> source;
        private final Flow.Subscriber<? super T> subscriber;
        private final ArrayDeque<T> early = new ArrayDeque<>(2);
        private final Consumer<T> onData = this::onData;
        private volatile boolean cancelled;
        private long demand;
        private boolean ended;
        private boolean terminated;
        private boolean draining;

        Delivery(RealLoop loop, ReadableStream<T> source, Flow.Subscriber<? super T> subscriber) {
            this.loop = loop;
            this.source = source;
            this.subscriber = subscriber;
        }

        void start() {
            loop.addRef();
            source.pause();
            source.onData(onData);
            EndOfStream.watch(source, true, false, error -> {
                if (error == null) {
                    ended = true;
                    drain();
                } else {
                    early.clear();
                    signalError(error);
                }
            });
            try {
                subscriber.onSubscribe(this);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        @Override
        public void request(long n) {
            if (loop.inLoopThread()) {
                addDemand(n);
            } else if (!cancelled) {
                loop.executeInternal(() -> addDemand(n));
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                if (loop.inLoopThread()) {
                    cancelOnLoop();
                } else {
                    loop.executeInternal(this::cancelOnLoop);
                }
            }
        }

        private void cancelOnLoop() {
            if (!terminated) {
                terminate();
                source.destroy();
            }
        }

        private void addDemand(long n) {
            if (terminated || cancelled) {
                return;
            }
            if (n <= 0) {
                // Reactive Streams 3.9
                signalError(new IllegalArgumentException("request must be positive, got " + n));
                source.destroy();
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            drain();
            if (demand > 0 && !terminated) {
                source.resume();
            }
        }

        private void onData(T item) {
            if (terminated || cancelled) {
                return;
            }
            early.add(item);
            drain();
        }

        /** Delivers what waits while demand lasts, then pauses or completes; reentrant calls leave it to the outer one. */
        private void drain() {
            if (draining) {
                return;
            }
            draining = true;
            try {
                while (demand > 0 && !early.isEmpty() && !terminated && !cancelled) {
                    T item = early.poll();
                    demand--;
                    try {
                        subscriber.onNext(item);
                    } catch (RuntimeException e) {
                        fail(e);
                        return;
                    }
                }
            } finally {
                draining = false;
            }
            if (terminated || cancelled) {
                return;
            }
            if (ended && early.isEmpty()) {
                terminate();
                try {
                    subscriber.onComplete();
                } catch (RuntimeException e) {
                    loop.reportUncaught(e);
                }
            } else if (demand == 0) {
                source.pause();
            }
        }

        private void signalError(Throwable error) {
            if (!terminated && !cancelled) {
                terminate();
                try {
                    subscriber.onError(error);
                } catch (RuntimeException e) {
                    loop.reportUncaught(e);
                }
            }
        }

        /** A subscriber that throws breaks Reactive Streams 2.13: the subscription ends and the error is uncaught. */
        private void fail(RuntimeException e) {
            cancelled = true;
            if (!terminated) {
                terminate();
                source.destroy();
            }
            loop.reportUncaught(e);
        }

        private void terminate() {
            terminated = true;
            source.off("data", onData);
            loop.removeRef();
        }
    }
}
