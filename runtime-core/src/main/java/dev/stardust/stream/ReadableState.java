package dev.stardust.stream;

import dev.stardust.Buffer;
import dev.stardust.EventEmitter;
import dev.stardust.StardustException;
import dev.stardust.internal.RealLoop;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The readable half of node's stream state machine, the counterpart of {@link WritableState}: the buffer and its
 * high-water mark, flowing and paused mode, asking the source for more ({@code _read}), decoding to Strings, and
 * emitting {@code data} and {@code end} from the loop's tick queue. Events are emitted on the owning stream.
 */
final class ReadableState {
    interface Source {
        /** Asks the source for more (node's {@code _read}). */
        void doRead(int size);

        /** Destroys the stream with {@code error}. */
        void destroyStream(Throwable error);

        /** Called after {@code end} was emitted. */
        void onEnded();
    }

    private final RealLoop loop;
    private final EventEmitter owner;
    private final Source source;
    private final int highWaterMark;
    private final ArrayDeque<Object> queue = new ArrayDeque<>(4); // most streams hold a chunk or two
    private long queuedSize;
    /** null until the consumer chooses a mode, then flowing or paused, as node's tri-state {@code readableFlowing}. */
    private @Nullable Boolean flowing;
    private boolean reading;
    private boolean ended;
    private boolean endEmitted;
    private boolean flowScheduled;
    private boolean inFlow;
    private boolean destroyed;
    /** node's pull mode: a {@code readable} listener, told when chunks wait once {@link #read()} found none. */
    private boolean readableListening;
    private boolean needReadable;
    private boolean readableScheduled;
    private @Nullable StringDecoder decoder;

    ReadableState(RealLoop loop, EventEmitter owner, Source source, int highWaterMark) {
        this.loop = loop;
        this.owner = owner;
        this.source = source;
        this.highWaterMark = highWaterMark;
    }

    /** As {@link Readable#push}: buffers or emits {@code chunk}, or ends with null; false asks the source to wait. */
    boolean push(@Nullable Object chunk) {
        loop.checkThread();
        if (destroyed) {
            return false;
        }
        if (chunk == null) {
            reading = false;
            if (!ended) {
                ended = true;
                if (readableListening) {
                    // Pull mode learns of the end from a last 'readable', whose read() gives null; then 'end'.
                    scheduleReadable();
                } else {
                    scheduleFlow();
                }
            }
            return false;
        }
        if (ended) {
            source.destroyStream(
                    new StardustException("ERR_STREAM_PUSH_AFTER_EOF", "push() after the stream was ended"));
            return false;
        }
        reading = false;
        if (isFlowing() && queue.isEmpty() && !inFlow && !flowScheduled) {
            emitData(chunk);
        } else {
            queue.add(chunk);
            queuedSize += ChunkSize.of(chunk);
            if (isFlowing()) {
                scheduleFlow();
            } else if (readableListening && needReadable) {
                scheduleReadable();
            }
        }
        return queuedSize < highWaterMark;
    }

    void resume() {
        loop.checkThread();
        if (!isFlowing()) {
            flowing = Boolean.TRUE;
            owner.emit("resume");
            scheduleFlow();
        }
    }

    void pause() {
        loop.checkThread();
        if (!Boolean.FALSE.equals(flowing)) {
            flowing = Boolean.FALSE;
            owner.emit("pause");
        }
    }

    boolean isPaused() {
        return Boolean.FALSE.equals(flowing);
    }

    /** Whether the consumer has not chosen flowing or paused mode yet. */
    boolean modeUnset() {
        return flowing == null;
    }

    /** As {@link Readable#read()}: the next buffered chunk, decoded, or null; asks the source for more. */
    @Nullable Object read() {
        loop.checkThread();
        Object chunk = queue.poll();
        if (chunk != null) {
            queuedSize -= ChunkSize.of(chunk);
            chunk = decode(chunk);
        }
        if (chunk == null) {
            needReadable = true;
        }
        maybeReadMore();
        if (queue.isEmpty() && ended) {
            scheduleFlow();
        }
        return chunk;
    }

    /** A {@code readable} listener was added: pull mode, paused, told at once if chunks or the end already wait. */
    void listenForReadable() {
        readableListening = true;
        flowing = Boolean.FALSE;
        needReadable = true;
        if (!queue.isEmpty() || ended) {
            scheduleReadable();
        } else {
            maybeReadMore();
        }
    }

    private void scheduleReadable() {
        if (!readableScheduled && !destroyed) {
            readableScheduled = true;
            loop.nextTick(this::emitReadable);
        }
    }

    private void emitReadable() {
        readableScheduled = false;
        if (destroyed || endEmitted) {
            return;
        }
        needReadable = false;
        owner.emit("readable");
    }

    void setEncoding(Charset charset) {
        decoder = new StringDecoder(charset);
    }

    /** Marks the state destroyed and drops what is buffered; returns false if it already was. */
    boolean destroy() {
        if (destroyed) {
            return false;
        }
        destroyed = true;
        queue.clear();
        queuedSize = 0;
        return true;
    }

    boolean destroyed() {
        return destroyed;
    }

    boolean ended() {
        return ended;
    }

    boolean endEmitted() {
        return endEmitted;
    }

    long length() {
        return queuedSize;
    }

    int highWaterMark() {
        return highWaterMark;
    }

    private boolean isFlowing() {
        return Boolean.TRUE.equals(flowing);
    }

    private void scheduleFlow() {
        if (!flowScheduled && !destroyed) {
            flowScheduled = true;
            loop.nextTick(this::flow);
        }
    }

    private void flow() {
        flowScheduled = false;
        if (destroyed) {
            return;
        }
        inFlow = true;
        try {
            while (isFlowing() && !destroyed) {
                Object chunk = queue.poll();
                if (chunk == null) {
                    break;
                }
                queuedSize -= ChunkSize.of(chunk);
                emitData(chunk);
            }
        } finally {
            inFlow = false;
        }
        if (destroyed) {
            return;
        }
        if (queue.isEmpty() && ended) {
            emitEnd();
        } else if (isFlowing()) {
            maybeReadMore();
        }
    }

    private void maybeReadMore() {
        if (!reading && !ended && !destroyed && queuedSize < highWaterMark) {
            reading = true;
            try {
                source.doRead(highWaterMark);
            } catch (RuntimeException e) {
                source.destroyStream(e);
            }
        }
    }

    private void emitData(Object chunk) {
        Object data = decode(chunk);
        owner.emit("data", data);
        if (queue.isEmpty() && isFlowing() && !inFlow) {
            // Emitted straight from push: keep the source going while the consumer keeps up.
            scheduleFlow();
        }
    }

    private Object decode(Object chunk) {
        StringDecoder d = decoder;
        if (d == null || !(chunk instanceof Buffer buffer)) {
            return chunk;
        }
        return d.write(buffer.asByteBuffer());
    }

    private void emitEnd() {
        if (endEmitted) {
            return;
        }
        endEmitted = true;
        StringDecoder d = decoder;
        if (d != null) {
            String rest = d.end();
            if (!rest.isEmpty()) {
                owner.emit("data", rest);
            }
        }
        owner.emit("end");
        source.onEnded();
    }
}
