package dev.stardust.zlib;

import dev.stardust.Buffer;
import dev.stardust.stream.Transform;
import dev.stardust.zlib.internal.Codec;
import dev.stardust.zlib.internal.Compressor;
import dev.stardust.zlib.internal.Decompressor;
import dev.stardust.zlib.internal.Format;
import dev.stardust.zlib.internal.ZlibTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * node's {@code zlib} module: compression streams ({@code Transform<Buffer, Buffer>}, loop thread only) and
 * synchronous one-shot helpers for buffers (node's {@code zlib.gzipSync} and friends, callable from any thread).
 * Errors carry node's codes: {@code Z_DATA_ERROR} for corrupt input, {@code Z_BUF_ERROR} for truncated input and
 * {@code ERR_BUFFER_TOO_LARGE} once the output passes {@link ZlibOptions#maxOutputLength()}; a stream emits them
 * as {@code error}, a one-shot throws them.
 */
public final class Zlib {
    private static final long MAX_BUFFER = Integer.MAX_VALUE - 8;

    private Zlib() {
    }

    /** A gzip compressor (node's {@code zlib.createGzip()}). */
    public static Transform<Buffer, Buffer> createGzip() {
        return createGzip(ZlibOptions.defaults());
    }

    /** A gzip compressor with {@code options} (node's {@code zlib.createGzip(options)}). */
    public static Transform<Buffer, Buffer> createGzip(ZlibOptions options) {
        return new ZlibTransform(new Compressor(Format.GZIP, options));
    }

    /** A gzip decompressor, concatenated members included (node's {@code zlib.createGunzip()}). */
    public static Transform<Buffer, Buffer> createGunzip() {
        return createGunzip(ZlibOptions.defaults());
    }

    /** A gzip decompressor with {@code options} (node's {@code zlib.createGunzip(options)}). */
    public static Transform<Buffer, Buffer> createGunzip(ZlibOptions options) {
        return new ZlibTransform(new Decompressor(Format.GZIP, options));
    }

    /** A zlib-format compressor (node's {@code zlib.createDeflate()}). */
    public static Transform<Buffer, Buffer> createDeflate() {
        return createDeflate(ZlibOptions.defaults());
    }

    /** A zlib-format compressor with {@code options} (node's {@code zlib.createDeflate(options)}). */
    public static Transform<Buffer, Buffer> createDeflate(ZlibOptions options) {
        return new ZlibTransform(new Compressor(Format.ZLIB, options));
    }

    /** A zlib-format decompressor (node's {@code zlib.createInflate()}). */
    public static Transform<Buffer, Buffer> createInflate() {
        return createInflate(ZlibOptions.defaults());
    }

    /** A zlib-format decompressor with {@code options} (node's {@code zlib.createInflate(options)}). */
    public static Transform<Buffer, Buffer> createInflate(ZlibOptions options) {
        return new ZlibTransform(new Decompressor(Format.ZLIB, options));
    }

    /** A raw deflate compressor, no header or checksum (node's {@code zlib.createDeflateRaw()}). */
    public static Transform<Buffer, Buffer> createDeflateRaw() {
        return createDeflateRaw(ZlibOptions.defaults());
    }

    /** A raw deflate compressor with {@code options} (node's {@code zlib.createDeflateRaw(options)}). */
    public static Transform<Buffer, Buffer> createDeflateRaw(ZlibOptions options) {
        return new ZlibTransform(new Compressor(Format.RAW, options));
    }

    /** A raw deflate decompressor (node's {@code zlib.createInflateRaw()}). */
    public static Transform<Buffer, Buffer> createInflateRaw() {
        return createInflateRaw(ZlibOptions.defaults());
    }

    /** A raw deflate decompressor with {@code options} (node's {@code zlib.createInflateRaw(options)}). */
    public static Transform<Buffer, Buffer> createInflateRaw(ZlibOptions options) {
        return new ZlibTransform(new Decompressor(Format.RAW, options));
    }

    /** A decompressor of gzip or zlib data, told apart by the header (node's {@code zlib.createUnzip(options)}). */
    public static Transform<Buffer, Buffer> createUnzip(ZlibOptions options) {
        return new ZlibTransform(new Decompressor(Format.AUTO, options));
    }

    /** {@code data} gzip-compressed (node's {@code zlib.gzipSync}). */
    public static Buffer gzip(Buffer data) {
        return gzip(data, ZlibOptions.defaults());
    }

    /** {@code data} gzip-compressed with {@code options} (node's {@code zlib.gzipSync(buf, options)}). */
    public static Buffer gzip(Buffer data, ZlibOptions options) {
        return oneShot(new Compressor(Format.GZIP, limited(options)), data);
    }

    /** {@code data} gzip-decompressed (node's {@code zlib.gunzipSync}). */
    public static Buffer gunzip(Buffer data) {
        return gunzip(data, ZlibOptions.defaults());
    }

    /** {@code data} gzip-decompressed with {@code options}, e.g. an output limit (node's {@code gunzipSync}). */
    public static Buffer gunzip(Buffer data, ZlibOptions options) {
        return oneShot(new Decompressor(Format.GZIP, limited(options)), data);
    }

    /** {@code data} compressed in zlib format (node's {@code zlib.deflateSync}). */
    public static Buffer deflate(Buffer data, ZlibOptions options) {
        return oneShot(new Compressor(Format.ZLIB, limited(options)), data);
    }

    /** {@code data} decompressed from zlib format (node's {@code zlib.inflateSync}). */
    public static Buffer inflate(Buffer data, ZlibOptions options) {
        return oneShot(new Decompressor(Format.ZLIB, limited(options)), data);
    }

    /** {@code data} compressed as raw deflate (node's {@code zlib.deflateRawSync}). */
    public static Buffer deflateRaw(Buffer data, ZlibOptions options) {
        return oneShot(new Compressor(Format.RAW, limited(options)), data);
    }

    /** {@code data} decompressed from raw deflate (node's {@code zlib.inflateRawSync}). */
    public static Buffer inflateRaw(Buffer data, ZlibOptions options) {
        return oneShot(new Decompressor(Format.RAW, limited(options)), data);
    }

    /** {@code data} decompressed from gzip or zlib format (node's {@code zlib.unzipSync}). */
    public static Buffer unzip(Buffer data, ZlibOptions options) {
        return oneShot(new Decompressor(Format.AUTO, limited(options)), data);
    }

    private static ZlibOptions limited(ZlibOptions options) {
        return options.maxOutputLength() > MAX_BUFFER ? options.withMaxOutputLength(MAX_BUFFER) : options;
    }

    private static Buffer oneShot(Codec codec, Buffer data) {
        List<Buffer> out = new ArrayList<>();
        try (codec) {
            codec.update(data, out::add);
            codec.finish(out::add);
        }
        return out.isEmpty() ? Buffer.EMPTY : Buffer.concat(out);
    }
}
