package dev.stardust.websocket;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.testing.LoopTester;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Stardust against node's {@code ws}, both ways, with and without {@code permessage-deflate}: text, binary,
 * fragmented messages (ws's {@code fin: false}), a 1 MiB message, pings, and the closing handshake's code and reason
 * as each side sees them.
 */
class NodePeersTest {
    private static final String CLIENT = """
            const WebSocket = require('ws');
            const [url, deflate] = process.argv.slice(2);
            const ws = new WebSocket(url, ['chat'], { perMessageDeflate: deflate === 'true' });
            const got = [];
            ws.on('open', () => {
              ws.send('héllo');
              ws.send(Buffer.from([1, 2, 3]));
              ws.send('frag', { fin: false }); ws.send('ment', { fin: false }); ws.send('ed', { fin: true });
              ws.send('x'.repeat(1 << 20));
              ws.ping('p1');
            });
            const done = () => { if (got.length === 5) ws.close(4000, 'bye'); };
            ws.on('pong', d => { got.push('pong ' + d); done(); });
            ws.on('message', (data, binary) => {
              got.push((binary ? 'bin ' : 'txt ') + (data.length > 100 ? data.length : data.toString('hex')));
              done();
            });
            ws.on('close', (code, reason) => {
              console.log(JSON.stringify({ got, code, reason: reason.toString(), protocol: ws.protocol,
                  extensions: ws.extensions }));
            });
            ws.on('error', e => { console.log('error ' + e.message); process.exit(1); });
            """;

    private static final String SERVER = """
            const { WebSocketServer } = require('ws');
            const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: true,
                handleProtocols: p => p.has('b') ? 'b' : false });
            wss.on('listening', () => console.log(wss.address().port));
            wss.on('connection', (ws, req) => {
              ws.on('message', (data, binary) => ws.send(data, { binary }));
              ws.on('ping', d => ws.send('pinged ' + d));
              ws.on('close', (code, reason) => { console.log('close ' + code + ' ' + reason); wss.close(); });
              ws.send('a'.repeat(300000));
            });
            """;

    @Test
    void nodeClientTalksToStardustServer() throws Exception {
        for (boolean deflate : new boolean[] {false, true}) {
            List<String> serverLog = new ArrayList<>();
            try (LoopTester t = LoopTester.start()) {
                HttpServer http = t.call(() -> Http.createServer((req, res) -> res.end()));
                t.call(() -> WebSocketServer.attach(http, WebSocketOptions.defaults().withPerMessageDeflate(true))
                        .onConnection(ws -> ws.onMessage(m -> {
                            Promise<Void> sent = m.binary() ? ws.send(m.data()) : ws.send(m.text());
                            sent.onFailure(e -> serverLog.add("send failed " + e));
                        }).onClose(e -> serverLog.add(e.code() + " " + e.reason() + " " + e.wasClean()))));
                int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
                Process node = NodeWs.start(CLIENT, "ws://127.0.0.1:" + port + "/x", String.valueOf(deflate));
                String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertTrue(node.waitFor(30, SECONDS));
                assertEquals("{\"got\":[\"txt 68c3a96c6c6f\",\"bin 010203\",\"txt 667261676d656e746564\","
                        + "\"txt 1048576\",\"pong p1\"],\"code\":4000,\"reason\":\"bye\",\"protocol\":\"chat\","
                        + "\"extensions\":\"" + (deflate ? "permessage-deflate" : "") + "\"}", out.replace(
                                "\"pong p1\",\"txt 1048576\"", "\"txt 1048576\",\"pong p1\""));
                t.await(() -> http.close());
            }
            assertEquals(List.of("4000 bye true"), serverLog);
        }
    }

    @Test
    void stardustClientTalksToNodeServer() throws Exception {
        Process node = NodeWs.start(SERVER);
        BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        int port = Integer.parseInt(lines.readLine().trim());
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        LoopTester.run(t -> {
            List<String> log = new ArrayList<>();
            WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + port + "/", WebSocketOptions.defaults()
                    .withPerMessageDeflate(true).withProtocols(List.of("a", "b")));
            ws.onOpen(t.expect(() -> {
                log.add("open " + ws.protocol() + " " + ws.extensions().startsWith("permessage-deflate"));
                ws.send("text ü");
                ws.send(Buffer.alloc(70000));
                ws.ping(Buffer.from("p"));
            }));
            ws.onMessage(t.expect((Message m) -> {
                log.add((m.binary() ? "bin " : "txt ") + (m.data().length() > 100 ? m.data().length() : m.text()));
                if (log.size() == 5) {
                    ws.close(1000, "done");
                }
            }, 4));
            ws.onClose(t.expect((CloseEvent e) -> {
                log.add("close " + e.code() + " " + e.reason() + " " + e.wasClean());
                result.complete(log);
            }));
        });
        assertEquals(List.of("open b true", "txt 300000", "txt text ü", "bin 70000", "txt pinged p",
                "close 1000 done true"), result.get(1, SECONDS));
        assertEquals("close 1000 done", lines.readLine());
        assertTrue(node.waitFor(10, SECONDS));
    }
}
