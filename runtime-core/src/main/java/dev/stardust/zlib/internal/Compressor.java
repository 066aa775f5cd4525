package dev.stardust.zlib.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.zlib.ZlibOptions;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Deflate with gzip, zlib or no framing, on the JDK's {@link Deflater}; gzip's header and trailer written here. */
public final class Compressor implements Codec {
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Format format;
    private final Deflater deflater;
    private final byte[] chunk;
    private final long maxOutput;
    private final CRC32 crc = new CRC32();
    private long inputSize;
    private long produced;
    private boolean headerWritten;
    private boolean closed;

    /** A compressor of {@code format} (not {@link Format#AUTO}) with {@code options}. */
    public Compressor(Format format, ZlibOptions options) {
        if (format == Format.AUTO) {
            throw new IllegalArgumentException("AUTO is for decoding only");
        }
        this.format = format;
        this.deflater = new Deflater(options.level(), format != Format.ZLIB);
        this.deflater.setStrategy(options.strategy());
        this.chunk = new byte[options.chunkSize()];
        this.maxOutput = options.maxOutputLength();
    }

    @Override
    public void update(Buffer input, Consumer<Buffer> out) {
        checkOpen();
        header(out);
        ByteBuffer bytes = input.asByteBuffer();
        if (format == Format.GZIP) {
            crc.update(bytes.duplicate());
        }
        inputSize += input.length();
        deflater.setInput(bytes);
        while (!deflater.needsInput()) {
            emit(deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH), out);
        }
    }

    /** Compresses what was written so far into whole bytes the peer can decode at once (zlib's Z_SYNC_FLUSH). */
    public void flush(Consumer<Buffer> out) {
        checkOpen();
        header(out);
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            emit(n, out);
        } while (n == chunk.length);
    }

    @Override
    public void finish(Consumer<Buffer> out) {
        checkOpen();
        header(out);
        deflater.finish();
        while (!deflater.finished()) {
            emit(deflater.deflate(chunk), out);
        }
        if (format == Format.GZIP) {
            long c = crc.getValue();
            long size = inputSize & 0xffffffffL;
            byte[] trailer = new byte[8];
            for (int i = 0; i < 4; i++) {
                trailer[i] = (byte) (c >>> (8 * i));
                trailer[4 + i] = (byte) (size >>> (8 * i));
            }
            count(8);
            out.accept(Buffer.wrap(trailer));
        }
        close();
    }

    private void header(Consumer<Buffer> out) {
        if (format == Format.GZIP && !headerWritten) {
            headerWritten = true;
            count(GZIP_HEADER.length);
            out.accept(Buffer.from(GZIP_HEADER));
        }
    }

    private void emit(int n, Consumer<Buffer> out) {
        if (n > 0) {
            count(n);
            out.accept(Buffer.from(chunk, 0, n));
        }
    }

    private void count(int n) {
        produced += n;
        if (produced > maxOutput) {
            throw new StardustException("ERR_BUFFER_TOO_LARGE", "Cannot create a Buffer larger than " + maxOutput
                    + " bytes");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StardustException("ERR_ZLIB_BINDING_CLOSED", "the compressor was already finished or closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            deflater.end();
        }
    }
}
