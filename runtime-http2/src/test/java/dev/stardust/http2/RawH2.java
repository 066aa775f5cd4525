package dev.stardust.http2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A raw HTTP/2 client for tests: a blocking socket that writes the frames it is told to, valid or not, and reads
 * the server's frames one at a time. Header blocks are HPACK-encoded and decoded with Netty's coder, everything
 * else by hand, so an attack is written byte for byte as an attacker would.
 */
final class RawH2 implements AutoCloseable {
    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int PING = 6;
    static final int GOAWAY = 7;
    static final int WINDOW_UPDATE = 8;
    static final int CONTINUATION = 9;
    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;

    final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);

    /** A frame as read: type, flags, stream and payload. */
    record Frame(int type, int flags, int stream, byte[] payload, @Nullable Http2Headers headers) {
        int errorCode() {
            // RST_STREAM's code is its payload; GOAWAY's follows the last stream id.
            ByteBuffer b = ByteBuffer.wrap(payload);
            return type == GOAWAY ? b.getInt(4) : b.getInt(0);
        }
    }

    RawH2(int port) throws IOException {
        this(port, 0);
    }

    /** A connection whose socket receive buffer is {@code receiveBuffer} bytes (0: the system's), set before connecting. */
    RawH2(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and sends the preface and a SETTINGS frame with {@code settings} as id/value pairs. */
    static RawH2 open(int port, int... settings) throws IOException {
        return open(new RawH2(port), settings);
    }

    static RawH2 open(RawH2 c, int... settings) throws IOException {
        c.out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        c.settings(settings);
        return c;
    }

    void settings(int... idValues) throws IOException {
        ByteBuffer p = ByteBuffer.allocate(idValues.length / 2 * 6);
        for (int i = 0; i < idValues.length; i += 2) {
            p.putShort((short) idValues[i]).putInt(idValues[i + 1]);
        }
        frame(SETTINGS, 0, 0, p.array());
    }

    void settingsAck() throws IOException {
        frame(SETTINGS, 0x1, 0, new byte[0]);
    }

    /** A request's HEADERS: {@code GET path} unless {@code method} says otherwise. */
    void request(int stream, String method, String path, boolean endStream) throws IOException {
        frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), stream, block(requestHeaders(method, path)));
    }

    static Http2Headers requestHeaders(String method, String path) {
        return new DefaultHttp2Headers().method(method).path(path).scheme("http").authority("localhost");
    }

    /** The HPACK encoding of {@code headers} (with this connection's encoder state). */
    byte[] block(Http2Headers headers) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        try {
            encoder.encodeHeaders(1, headers, buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            buf.release();
        }
    }

    void data(int stream, byte[] bytes, boolean endStream) throws IOException {
        frame(DATA, endStream ? END_STREAM : 0, stream, bytes);
    }

    void rst(int stream, int code) throws IOException {
        frame(RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(code).array());
    }

    void windowUpdate(int stream, int increment) throws IOException {
        frame(WINDOW_UPDATE, 0, stream, ByteBuffer.allocate(4).putInt(increment).array());
    }

    void ping(long data) throws IOException {
        frame(PING, 0, 0, ByteBuffer.allocate(8).putLong(data).array());
    }

    void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(encodeFrame(type, flags, stream, payload));
    }

    static byte[] encodeFrame(int type, int flags, int stream, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(9 + payload.length);
        b.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        b.put((byte) type).put((byte) flags).putInt(stream & 0x7fffffff).put(payload);
        return b.array();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** The next frame, or null at the end of the stream (the server closed). */
    Frame read() throws IOException {
        byte[] head = new byte[9];
        try {
            in.readFully(head);
        } catch (EOFException end) {
            return null;
        }
        int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
        byte[] payload = new byte[length];
        in.readFully(payload);
        int stream = ByteBuffer.wrap(head, 5, 4).getInt() & 0x7fffffff;
        // Every header block is decoded as it is read, so the HPACK table stays in step with the server's.
        Http2Headers headers = head[3] == HEADERS ? decodeBlock(stream, payload, head[4]) : null;
        return new Frame(head[3], head[4] & 0xff, stream, payload, headers);
    }

    /** Reads frames until one of {@code type} (on any stream), acknowledging the server's SETTINGS; null at the end. */
    Frame until(int type) throws IOException {
        Frame f;
        while ((f = read()) != null) {
            if (f.type() == SETTINGS && (f.flags() & 0x1) == 0) {
                try {
                    settingsAck();
                } catch (IOException closed) {
                    // The server may have given up on this connection already; what it sent is still read.
                }
            }
            if (f.type() == type) {
                return f;
            }
        }
        return null;
    }

    Http2Headers decode(Frame headers) {
        return java.util.Objects.requireNonNull(headers.headers());
    }

    private Http2Headers decodeBlock(int stream, byte[] payload, int flags) throws IOException {
        int start = (flags & 0x8) != 0 ? 1 + (payload[0] & 0xff) : 0;
        int end = payload.length - ((flags & 0x8) != 0 ? payload[0] & 0xff : 0);
        if ((flags & 0x20) != 0) {
            start += 5;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(payload, start, end - start);
        try {
            return decoder.decodeHeaders(stream, buf);
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            buf.release();
        }
    }

    /** Reads until the server closes the connection (or resets it), within the socket's timeout; true if it did. */
    boolean closedByServer() throws IOException {
        try {
            while (read() != null) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
