package dev.stardust.benchmarks.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Blocking HTTP/1.1 and TCP over plain JDK sockets, byte for byte, so that the load can pipeline, drip, read slowly
 * and cut a connection at any point, which no HTTP client library lets one do. Every read has a timeout: a server
 * that stops answering is an error, never a hung soak.
 */
final class Wire {
    /**
     * A server silent this long has failed. Not less: with load averages of 20-25 on this two-core machine (other
     * builds), the soak's own JVMs were seen to stall for 7-10 s in their first seconds, and such a stall is the
     * machine's, not the server's; a server that stops answering altogether still fails within the minute.
     */
    static final int READ_TIMEOUT_MS = 30_000;
    private static final SSLContext TRUST_ALL = trustAll();

    private Wire() {
    }

    /** A plain TCP connection to 127.0.0.1:port. */
    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MS);
        s.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
        return s;
    }

    /** A plain TCP connection with a small receive buffer, so that a slow reader pushes back on the server soon. */
    static Socket connectSmallWindow(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MS);
        s.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
        return s;
    }

    /** A TLS connection, handshake done; the soak's server certificate is self-signed, so any is trusted. */
    static SSLSocket connectTls(int port) throws IOException {
        Socket plain = connect(port);
        SSLSocket tls = (SSLSocket) TRUST_ALL.getSocketFactory().createSocket(plain, "localhost", port, true);
        tls.setSoTimeout(READ_TIMEOUT_MS);
        tls.startHandshake();
        return tls;
    }

    /** Closes with a TCP reset instead of a FIN: the harshest way a peer can go. */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // already gone: the reset is what was wanted
        }
    }

    static void write(Socket s, String text) throws IOException {
        write(s, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static void write(Socket s, byte[] bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    static String get(String path, boolean close) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    static byte[] post(String path, byte[] body, boolean chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n") + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!chunked) {
            out.writeBytes(body);
            return out.toByteArray();
        }
        for (int at = 0; at < body.length; at += 1000) {
            int n = Math.min(1000, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** One HTTP response: status, body, and whether the server said it closes the connection after it. */
    record Response(int status, String body, boolean closes) {
    }

    /**
     * Reads one response (Content-Length, chunked, or to end of stream) from {@code in}.
     *
     * @throws IOException also when the stream ends before a whole response
     */
    static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                body.writeBytes(readExactly(in, size));
                readLine(in);
            }
            while (!readLine(in).isEmpty()) {
                // trailers: none expected, skipped
            }
        } else if (length >= 0) {
            body.writeBytes(readExactly(in, (int) length));
        } else if (status != 204 && status != 304) {
            body.writeBytes(in.readAllBytes());
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8), closes);
    }

    /** Reads a response and insists on its status and, when given, its body. */
    static Response expect(InputStream in, int status, @Nullable String body) throws IOException {
        Response r = readResponse(in);
        if (r.status() != status || (body != null && !body.equals(r.body()))) {
            throw new IOException("expected " + status + " '" + body + "', got " + r.status() + " '" + r.body() + "'");
        }
        return r;
    }

    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("stream ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("stream ended mid-line after '" + line + "'");
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > 8192) {
                throw new IOException("line too long");
            }
        }
        return line.toString();
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
