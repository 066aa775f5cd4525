package dev.stardust.websocket.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.Upgrade;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import dev.stardust.websocket.Handshake;
import dev.stardust.websocket.WebSocketOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A server's side of the opening handshake (RFC 6455 4.2) on an upgraded socket: checks the request, hands it to
 * the user's hook as a {@link Handshake}, and on acceptance answers {@code 101} with the key's digest, the chosen
 * sub-protocol and {@code permessage-deflate} when both want it, then turns the socket's channel into a
 * {@link RealWebSocket}. A refused or malformed request is answered with its HTTP status and the socket closed.
 */
public final class ServerHandshake implements Handshake {
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final RealLoop loop;
    private final Upgrade upgrade;
    private final WebSocketOptions options;
    private final Consumer<RealWebSocket> onConnection;
    private final List<String> protocols;
    private boolean decided;

    private ServerHandshake(RealLoop loop, Upgrade upgrade, WebSocketOptions options,
            Consumer<RealWebSocket> onConnection) {
        this.loop = loop;
        this.upgrade = upgrade;
        this.options = options;
        this.onConnection = onConnection;
        List<String> offered = new ArrayList<>();
        for (String value : upgrade.request().headers().getAll("sec-websocket-protocol")) {
            for (String p : value.split(",")) {
                if (!p.isBlank()) {
                    offered.add(p.trim());
                }
            }
        }
        this.protocols = List.copyOf(offered);
    }

    /** Whether {@code request} asks for WebSocket ({@code Upgrade: websocket}). */
    public static boolean wantsWebSocket(IncomingMessage request) {
        return request.headers().get("upgrade").map(u -> u.trim().equalsIgnoreCase("websocket")).orElse(false);
    }

    /**
     * Runs the handshake of {@code upgrade}: a malformed request is refused at once, a well-formed one goes to the
     * hook in {@code options} (or is accepted), and an accepted one reaches {@code onConnection}.
     */
    public static void start(RealLoop loop, Upgrade upgrade, WebSocketOptions options,
            Consumer<RealWebSocket> onConnection) {
        Socket socket = upgrade.socket();
        // A peer that leaves before the decision was never a WebSocket: nobody is told.
        socket.onError(e -> socket.destroy());
        ServerHandshake h = new ServerHandshake(loop, upgrade, options, onConnection);
        IncomingMessage req = upgrade.request();
        String key = req.headers().get("sec-websocket-key").orElse("").trim();
        if (!req.method().equals("GET") || !req.httpVersion().equals("1.1") || !validKey(key)) {
            h.refuse(400, "Bad Request", "", "invalid WebSocket handshake request");
        } else if (!req.headers().get("sec-websocket-version").orElse("").trim().equals("13")) {
            h.refuse(426, "Upgrade Required", "Sec-WebSocket-Version: 13\r\n", "unsupported WebSocket version");
        } else if (options.handshake().isPresent()) {
            loop.invoke(options.handshake().get(), h);
        } else {
            h.accept();
        }
    }

    private static boolean validKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public IncomingMessage request() {
        return upgrade.request();
    }

    @Override
    public String path() {
        return upgrade.request().path();
    }

    @Override
    public Optional<String> origin() {
        return upgrade.request().headers().get("origin");
    }

    @Override
    public List<String> protocols() {
        return protocols;
    }

    @Override
    public void accept() {
        accept(protocols.isEmpty() ? "" : protocols.get(0));
    }

    @Override
    public void accept(String protocol) {
        decide();
        if (!protocol.isEmpty() && !protocols.contains(protocol)) {
            throw new StardustException("ERR_INVALID_ARG_VALUE", "sub-protocol " + protocol + " was not offered");
        }
        Socket socket = upgrade.socket();
        if (socket.destroyed()) {
            return;
        }
        IncomingMessage req = upgrade.request();
        Extensions.Agreed deflate = options.perMessageDeflate()
                ? Extensions.serverAccept(String.join(", ", req.headers().getAll("sec-websocket-extensions")).trim())
                : null;
        StringBuilder head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: ")
                .append(acceptKey(req.headers().get("sec-websocket-key").orElse("").trim())).append("\r\n");
        if (!protocol.isEmpty()) {
            head.append("Sec-WebSocket-Protocol: ").append(protocol).append("\r\n");
        }
        if (deflate != null) {
            head.append("Sec-WebSocket-Extensions: ").append(deflate.header()).append("\r\n");
        }
        head.append("\r\n");
        List<Buffer> unread = new ArrayList<>();
        Channel ch = FramePipeline.takeOver(socket, unread);
        ch.writeAndFlush(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
        RealWebSocket ws = new RealWebSocket(loop, socket, options, false, req.url(), req);
        FramePipeline.install(ch, ws, false, options, deflate == null ? null : deflate.extension().newExtensionEncoder());
        ws.opened(ch, protocol, deflate == null ? "" : deflate.header());
        onConnection.accept(ws);
        FramePipeline.feed(ch, ws, unread);
    }

    @Override
    public void reject(int status) {
        reject(status, "");
    }

    @Override
    public void reject(int status, String message) {
        if (status < 400 || status > 599) {
            throw new StardustException("ERR_OUT_OF_RANGE", "a rejection's status is 400 to 599, got " + status);
        }
        decide();
        refuse(status, HttpResponseStatus.valueOf(status).reasonPhrase(), "", message);
    }

    private void decide() {
        loop.checkThread();
        if (decided) {
            throw new StardustException("ERR_INVALID_STATE", "this handshake was already accepted or rejected");
        }
        decided = true;
    }

    /** node's {@code ws} {@code abortHandshake}: answers {@code status} and closes once it is written. */
    private void refuse(int status, String statusText, String headers, String body) {
        decided = true;
        Socket socket = upgrade.socket();
        if (socket.destroyed()) {
            return;
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + statusText + "\r\nConnection: close\r\n" + headers
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + content.length + "\r\n\r\n";
        socket.onFinish(socket::destroy);
        socket.end(Buffer.from(head).concat(Buffer.wrap(content)));
    }

    /** {@code Sec-WebSocket-Accept} for {@code key}: base64 of SHA-1 of the key and RFC 6455's GUID. */
    static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Handshake[" + upgrade.request().url() + ", protocols " + protocols + (decided ? "" : ", undecided")
                + "]";
    }
}
