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

    /** Where in a gzip header the input is: the fields in their order (RFC 1952, 2.3). */
    private enum Header { FIXED, EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC }

    private Format format;
    private final boolean nowrapFormat;
    private Inflater inflater;
    private final byte[] chunk;
    private final long maxOutput;
    private final CRC32 crc = new CRC32();
    private State state;
    private Header header = Header.FIXED;
    private int headerFlags;
    private int extraLeft;
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
                    if (!skipGzipHeader(in)) {
                        keep(in);
                        return;
                    }
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
                        header = Header.FIXED;
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

    /**
     * Consumes as much of a gzip header as has arrived; true once it is all read. Only the fixed 10 bytes and the
     * 2-byte fields wait for the rest of themselves (in {@link #pending}); the extra field, the file name and the
     * comment are skipped as they come, so a header that never ends holds no memory (zlib's inflate does the same).
     */
    private boolean skipGzipHeader(ByteBuffer in) {
        while (true) {
            switch (header) {
                case FIXED -> {
                    if (in.remaining() < 10) {
                        return false;
                    }
                    int p = in.position();
                    if ((in.get(p) & 0xff) != 0x1f || (in.get(p + 1) & 0xff) != 0x8b) {
                        throw dataError("incorrect header check");
                    }
                    if (in.get(p + 2) != 8) {
                        throw dataError("unknown compression method");
                    }
                    headerFlags = in.get(p + 3) & 0xff;
                    in.position(p + 10);
                    header = Header.EXTRA_LENGTH;
                }
                case EXTRA_LENGTH -> {
                    if ((headerFlags & 4) != 0) {
                        if (in.remaining() < 2) {
                            return false;
                        }
                        extraLeft = (in.get() & 0xff) | (in.get() & 0xff) << 8;
                    }
                    header = Header.EXTRA;
                }
                case EXTRA -> {
                    int n = Math.min(extraLeft, in.remaining());
                    in.position(in.position() + n);
                    extraLeft -= n;
                    if (extraLeft > 0) {
                        return false;
                    }
                    header = Header.NAME;
                }
                case NAME, COMMENT -> {
                    if ((headerFlags & (header == Header.NAME ? 8 : 16)) != 0 && !skipPastNul(in)) {
                        return false;
                    }
                    header = header == Header.NAME ? Header.COMMENT : Header.HEADER_CRC;
                }
                case HEADER_CRC -> {
                    if ((headerFlags & 2) != 0) {
                        if (in.remaining() < 2) {
                            return false;
                        }
                        in.position(in.position() + 2);
                    }
                    header = Header.FIXED;
                    return true;
                }
            }
        }
    }

    /** Skips up to and past a zero byte; false (all consumed) when none has arrived yet. */
    private static boolean skipPastNul(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (in.get() == 0) {
                return true;
            }
        }
        return false;
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
