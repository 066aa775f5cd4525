package dev.stardust.stream;

import dev.stardust.internal.RealLoop;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The readable {@link FlowStreams#fromPublisher} returns. Its subscriber only hands signals to the loop; there,
 * items are pushed as they come, and a new batch is requested when the previous one has all arrived and the
 * readable asks for more ({@link #doRead}), which it does only while its buffer is below the high-water mark.
 */
final class PublisherReadable<T> extends Readable<T> {
    private final int batch;
    private Flow.@Nullable Subscription subscription;
    private long outstanding;
    private boolean wanted;
    private boolean done;

    PublisherReadable(Flow.Publisher<? extends T> publisher, int batch) {
        super(batch);
        this.batch = batch;
        loop.addRef();
        publisher.subscribe(new Bridge());
    }

    @Override
    protected void doRead(int size) {
        wanted = true;
        requestMore();
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        Flow.@Nullable Subscription s = subscription;
        if (!done && s != null) {
            s.cancel();
        }
        terminate();
        callback.accept(error);
    }

    private void requestMore() {
        Flow.@Nullable Subscription s = subscription;
        if (wanted && outstanding == 0 && s != null && !done) {
            wanted = false;
            outstanding = batch;
            s.request(batch);
        }
    }

    private void subscribed(Flow.Subscription s) {
        if (subscription != null || destroyed()) {
            s.cancel(); // Reactive Streams 2.5: one subscription at a time
            return;
        }
        subscription = s;
        requestMore();
    }

    private void next(T item) {
        if (done || destroyed()) {
            return;
        }
        outstanding--;
        if (!push(item)) {
            wanted = false; // full: the next doRead says when there is room again
        }
        requestMore();
    }

    private void terminate() {
        if (!done) {
            done = true;
            loop.removeRef();
        }
    }

    /** Hands each signal to the loop, in order; a publisher may call it from any thread. */
    private final class Bridge implements Flow.Subscriber<T> {
        private final RealLoop target = loop;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            Objects.requireNonNull(s, "subscription");
            target.executeInternal(() -> subscribed(s));
        }

        @Override
        public void onNext(T item) {
            Objects.requireNonNull(item, "item");
            target.executeInternal(() -> next(item));
        }

        @Override
        public void onError(Throwable error) {
            Objects.requireNonNull(error, "error");
            target.executeInternal(() -> {
                if (!done) {
                    terminate();
                    destroy(error);
                }
            });
        }

        @Override
        public void onComplete() {
            target.executeInternal(() -> {
                if (!done) {
                    terminate();
                    push(null);
                }
            });
        }
    }
}
