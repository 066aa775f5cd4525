package dev.stardust.zlib.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.zlib.ZlibOptions;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflate with gzip, zlib or no framing on the JDK's {@link Inflater}. gzip headers and trailers are parsed here:
 * the CRC32 and length are checked, concatenated members are decoded one after the other (as {@code gunzip} does),
 * and bytes after the last member that do not start another one are ignored, as node does.
 */
public final class Decompressor implements Codec {
    private enum State { HEADER, BODY, TRAILER, NEXT_MEMBER, DONE }

    private Format format;
    private final boolean nowrapFormat;
    private Inflater inflater;
    private final byte[] chunk;
    private final long maxOutput;
    private final CRC32 crc = new CRC32();
    private State state;
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long memberSize;
    private long produced;
    private boolean closed;

    /** A decompressor of {@code format} with {@code options}. */
    public Decompressor(Format format, ZlibOptions options) {
        this.format = format;
        this.nowrapFormat = format == Format.GZIP || format == Format.RAW;
        this.inflater = new Inflater(nowrapFormat);
        this.chunk = new byte[options.chunkSize()];
        this.maxOutput = options.maxOutputLength();
        this.state = format == Format.GZIP || format == Format.AUTO ? State.HEADER : State.BODY;
    }

    @Override
    public void update(Buffer input, Consumer<Buffer> out) {
        if (closed) {
            throw new StardustException("ERR_ZLIB_BINDING_CLOSED", "the decompressor was already finished or closed");
        }
        ByteBuffer in = input.asByteBuffer();
        if (pending.hasRemaining()) {
            ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + in.remaining());
            joined.put(pending).put(in).flip();
            in = joined;
            pending = ByteBuffer.allocate(0);
        }
        while (in.hasRemaining()) {
            switch (state) {
                case HEADER -> {
                    if (format == Format.AUTO) {
                        if (in.remaining() < 2) {
                            keep(in);
                            return;
                        }
                        boolean gzip = (in.get(in.position()) & 0xff) == 0x1f
                                && (in.get(in.position() + 1) & 0xff) == 0x8b;
                        format = gzip ? Format.GZIP : Format.ZLIB;
                        inflater.end();
                        inflater = new Inflater(gzip);
                        if (!gzip) {
                            state = State.BODY;
                            continue;
                        }
                    }
                    int length = gzipHeaderLength(in);
                    if (length < 0) {
                        keep(in);
                        return;
                    }
                    in.position(in.position() + length);
                    crc.reset();
                    memberSize = 0;
                    state = State.BODY;
                }
                case BODY -> inflate(in, out);
                case TRAILER -> {
                    if (in.remaining() < 8) {
                        keep(in);
                        return;
                    }
                    long expectedCrc = readIntLe(in);
                    long expectedSize = readIntLe(in);
                    if (expectedCrc != crc.getValue() || expectedSize != (memberSize & 0xffffffffL)) {
                        throw dataError("incorrect data check");
                    }
                    state = State.NEXT_MEMBER;
                }
                case NEXT_MEMBER -> {
                    if ((in.get(in.position()) & 0xff) == 0x1f) {
                        inflater.reset();
                        state = State.HEADER;
                    } else {
                        state = State.DONE;
                    }
                }
                case DONE -> in.position(in.limit());
            }
        }
    }

    private void inflate(ByteBuffer in, Consumer<Buffer> out) {
        inflater.setInput(in);
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    produced += n;
                    if (produced > maxOutput) {
                        throw new StardustException("ERR_BUFFER_TOO_LARGE", "Cannot create a Buffer larger than "
                                + maxOutput + " bytes");
                    }
                    if (format == Format.GZIP) {
                        crc.update(chunk, 0, n);
                        memberSize += n;
                    }
                    out.accept(Buffer.from(chunk, 0, n));
                }
                if (inflater.finished()) {
                    state = format == Format.GZIP ? State.TRAILER : State.DONE;
                    return;
                }
                if (inflater.needsDictionary()) {
                    throw new StardustException("Z_NEED_DICT", "Missing dictionary");
                }
                if (n == 0 && inflater.needsInput()) {
                    return;
                }
            }
        } catch (DataFormatException e) {
            throw dataError(e.getMessage() != null ? e.getMessage() : "invalid data");
        }
    }

    @Override
    public void finish(Consumer<Buffer> out) {
        if (closed) {
            return;
        }
        try {
            boolean complete = state == State.DONE || state == State.NEXT_MEMBER;
            if (!complete) {
                throw new StardustException("Z_BUF_ERROR", "unexpected end of file");
            }
        } finally {
            close();
        }
    }

    private void keep(ByteBuffer in) {
        ByteBuffer copy = ByteBuffer.allocate(in.remaining());
        copy.put(in).flip();
        pending = copy;
    }

    /** The length of the gzip header at {@code in}'s position, or -1 when it has not all arrived. */
    private static int gzipHeaderLength(ByteBuffer in) {
        int p = in.position();
        int end = in.limit();
        if (end - p < 10) {
            return -1;
        }
        if ((in.get(p) & 0xff) != 0x1f || (in.get(p + 1) & 0xff) != 0x8b) {
            throw dataError("incorrect header check");
        }
        if (in.get(p + 2) != 8) {
            throw dataError("unknown compression method");
        }
        int flags = in.get(p + 3) & 0xff;
        int at = p + 10;
        if ((flags & 4) != 0) {
            if (end - at < 2) {
                return -1;
            }
            at += 2 + ((in.get(at) & 0xff) | (in.get(at + 1) & 0xff) << 8);
        }
        for (int flag : new int[] {8, 16}) {
            if ((flags & flag) != 0) {
                while (at < end && in.get(at) != 0) {
                    at++;
                }
                if (at >= end) {
                    return -1;
                }
                at++;
            }
        }
        if ((flags & 2) != 0) {
            at += 2;
        }
        return at <= end ? at - p : -1;
    }

    private static long readIntLe(ByteBuffer in) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) (in.get() & 0xff) << (8 * i);
        }
        return v;
    }

    private static StardustException dataError(String message) {
        return new StardustException("Z_DATA_ERROR", message);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inflater.end();
        }
    }
}
