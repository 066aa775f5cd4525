package dev.stardust.benchmarks.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client connection of the load generator, on a plain JDK channel: the opening handshake (blocking, before the
 * measurement), then masked text frames out and unmasked frames in, parsed in place. It remembers when each message
 * in flight was sent, oldest first: an echo server answers in order, so the next frame back belongs to the oldest
 * one. Small on purpose (no Netty, no copies) so that the generator costs less CPU than the servers it measures.
 */
final class WsConnection {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final SocketChannel channel;
    final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);
    final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
    private final byte[] payload;
    private final long[] sentAt;
    private int head;
    private int inFlight;
    private long random = ThreadLocalRandom.current().nextLong() | 1;
    /** Whether the server's close frame arrived. */
    boolean closeReceived;

    private WsConnection(SocketChannel channel, byte[] payload, int window) {
        this.channel = channel;
        this.payload = payload;
        this.sentAt = new long[window];
    }

    /** Connects to {@code port}, performs the opening handshake on {@code path} and switches to non-blocking. */
    static WsConnection open(int port, String path, byte[] payload, int window) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ByteBuffer req = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (req.hasRemaining()) {
            ch.write(req);
        }
        WsConnection c = new WsConnection(ch, payload, window);
        String head = c.readResponseHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
        }
        if (!head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-accept: " + accept(key).toLowerCase(
                java.util.Locale.ROOT))) {
            throw new IOException("wrong Sec-WebSocket-Accept in " + head);
        }
        ch.configureBlocking(false);
        return c;
    }

    /** Reads up to the end of the response head; anything after it stays in {@link #in} for the frame parser. */
    private String readResponseHead() throws IOException {
        while (true) {
            if (channel.read(in) < 0) {
                throw new IOException("the server closed the connection during the handshake");
            }
            for (int i = 3; i < in.position(); i++) {
                if (in.get(i - 3) == '\r' && in.get(i - 2) == '\n' && in.get(i - 1) == '\r' && in.get(i) == '\n') {
                    byte[] headBytes = new byte[i + 1];
                    in.flip();
                    in.get(headBytes);
                    in.compact();
                    return new String(headBytes, StandardCharsets.ISO_8859_1);
                }
            }
        }
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int inFlight() {
        return inFlight;
    }

    /** Appends one masked text frame carrying the payload to {@link #out}, remembering {@code now} as its send time. */
    void queueMessage(long now) {
        int len = payload.length;
        out.put((byte) 0x81);
        if (len < 126) {
            out.put((byte) (0x80 | len));
        } else {
            out.put((byte) (0x80 | 126)).putShort((short) len);
        }
        // xorshift: a fresh masking key per frame, as RFC 6455 asks, for a few instructions.
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        int mask = (int) random;
        out.putInt(mask);
        for (int i = 0; i < len; i++) {
            out.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        sentAt[(head + inFlight) % sentAt.length] = now;
        inFlight++;
    }

    /** Whether {@link #out} has room for one more frame. */
    boolean outHasRoom() {
        return out.remaining() >= payload.length + 8;
    }

    /** Appends a masked close frame with status 1000. */
    void queueClose() {
        out.put((byte) 0x88).put((byte) 0x82).putInt(0).putShort((short) 1000);
    }

    /** Writes what {@link #out} holds, as far as the socket takes it; true when all of it went. */
    boolean flush() throws IOException {
        out.flip();
        channel.write(out);
        boolean all = !out.hasRemaining();
        out.compact();
        return all;
    }

    /**
     * Reads what the socket has and parses every whole frame in it; for each echoed message calls
     * {@code echoed.echoed(sentAt)}. Returns false at the end of the stream.
     *
     * @throws IOException on a frame that is not the echo of what was sent
     */
    boolean read(Echoed echoed) throws IOException {
        int n = channel.read(in);
        in.flip();
        while (in.remaining() >= 2) {
            int start = in.position();
            int b0 = in.get(start) & 0xff;
            int b1 = in.get(start + 1) & 0xff;
            if ((b1 & 0x80) != 0) {
                throw new IOException("the server masked a frame");
            }
            int len = b1 & 0x7f;
            int headLen = 2;
            if (len == 126) {
                if (in.remaining() < 4) {
                    break;
                }
                len = in.getShort(start + 2) & 0xffff;
                headLen = 4;
            } else if (len == 127) {
                throw new IOException("unexpected 64-bit frame length");
            }
            if (in.remaining() < headLen + len) {
                break;
            }
            int opcode = b0 & 0x0f;
            if (opcode == 0x8) {
                closeReceived = true;
            } else if (b0 != 0x81 || len != payload.length || !samePayload(start + headLen)) {
                throw new IOException("not the echo of the message sent: opcode " + opcode + ", " + len + " bytes");
            } else if (inFlight == 0) {
                throw new IOException("an echo of a message that was not sent");
            } else {
                long sent = sentAt[head];
                head = (head + 1) % sentAt.length;
                inFlight--;
                echoed.echoed(sent);
            }
            in.position(start + headLen + len);
        }
        in.compact();
        return n >= 0;
    }

    private boolean samePayload(int at) {
        for (int i = 0; i < payload.length; i++) {
            if (in.get(at + i) != payload[i]) {
                return false;
            }
        }
        return true;
    }

    /** What the generator does with each echoed message: the time its original was sent. */
    interface Echoed {
        void echoed(long sentAt);
    }
}
