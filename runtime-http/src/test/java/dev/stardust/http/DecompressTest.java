package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import dev.stardust.zlib.Zlib;
import dev.stardust.zlib.ZlibOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client asking for and transparently decoding gzip and deflate bodies, with its cap against bombs. */
@org.junit.jupiter.api.Timeout(60)
class DecompressTest {
    private static final String TEXT = "compress me please ".repeat(2000);

    private static HttpServer encodingServer(List<String> acceptSeen) {
        return Http.createServer((req, res) -> {
            acceptSeen.add(req.headers().get("accept-encoding").orElse("-"));
            switch (req.path()) {
                case "/gzip" -> {
                    res.writeHead(200, Map.of("Content-Encoding", "gzip"));
                    Buffer gz = Zlib.gzip(Buffer.from(TEXT));
                    res.write(gz.slice(0, 100));
                    res.end(gz.slice(100));
                }
                case "/deflate" -> {
                    res.writeHead(200, Map.of("Content-Encoding", "deflate"));
                    res.end(Zlib.deflate(Buffer.from(TEXT), ZlibOptions.defaults()));
                }
                case "/bomb" -> {
                    res.writeHead(200, Map.of("Content-Encoding", "gzip"));
                    res.end(Zlib.gzip(Buffer.alloc(8 * 1024 * 1024)));
                }
                default -> res.end("plain");
            }
        });
    }

    @Test
    void decodesGzipAndDeflateAndLeavesPlainBodiesAlone() {
        List<String> bodies = new ArrayList<>();
        List<String> accept = new ArrayList<>();
        List<String> encodings = new ArrayList<>();
        LoopTester.run(t -> {
            HttpServer server = encodingServer(accept);
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                String base = "http://127.0.0.1:" + s.address().port();
                int[] left = {3};
                for (String path : List.of("/gzip", "/deflate", "/plain")) {
                    Http.get(RequestOptions.of(base + path).withDecompress(true), res -> {
                        encodings.add(res.headers().get("content-encoding").orElse("none"));
                        StringBuilder b = new StringBuilder();
                        res.setEncoding(StandardCharsets.UTF_8).onData(b::append);
                        res.onEnd(() -> {
                            bodies.add(path + " " + (b.toString().equals(TEXT) ? "decoded" : b.toString()));
                            if (--left[0] == 0) {
                                server.close();
                            }
                        });
                    });
                }
            });
        });
        bodies.sort(null);
        assertEquals(List.of("/deflate decoded", "/gzip decoded", "/plain plain"), bodies);
        assertEquals(List.of("gzip, deflate", "gzip, deflate", "gzip, deflate"), accept);
        assertEquals(List.of("none", "none", "none"), encodings);
    }

    @Test
    void aBodyPastTheCapFailsWithErrBufferTooLarge() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        LoopTester.run(t -> {
            HttpServer server = encodingServer(new ArrayList<>());
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                String url = "http://127.0.0.1:" + s.address().port() + "/bomb";
                Http.get(RequestOptions.of(url).withDecompress(1024 * 1024), res -> {
                    res.resume();
                    res.onError(t.expect((Throwable e) -> {
                        error.set(e);
                        server.close();
                    }));
                });
            });
        });
        assertEquals("ERR_BUFFER_TOO_LARGE", assertInstanceOf(StardustException.class, error.get()).code());
    }

    @Test
    void serverCompressesTextualBodiesWorthItWhenTheClientAcceptsGzip() {
        List<String> seen = new ArrayList<>();
        LoopTester.run(t -> {
            HttpServer server = Http.createServer(HttpServerOptions.defaults().withCompression(1024), (req, res) -> {
                String type = req.path().equals("/binary") ? "application/octet-stream" : "text/plain";
                String body = req.path().equals("/small") ? "tiny" : TEXT;
                res.writeHead(200, Map.of("Content-Type", type, "Content-Length",
                        String.valueOf(body.getBytes(StandardCharsets.UTF_8).length)));
                res.end(body);
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                String base = "http://127.0.0.1:" + s.address().port();
                int[] left = {3};
                for (String path : List.of("/text", "/small", "/binary")) {
                    Http.get(RequestOptions.of(base + path).withHeader("Accept-Encoding", "gzip"), res -> {
                        List<Buffer> parts = new ArrayList<>();
                        res.onData(parts::add);
                        res.onEnd(() -> {
                            String enc = res.headers().get("content-encoding").orElse("identity");
                            Buffer body = Buffer.concat(parts);
                            String text = (enc.equals("gzip") ? Zlib.gunzip(body) : body).toString();
                            seen.add(path + " " + enc + " " + (text.equals(TEXT) || text.equals("tiny")));
                            if (--left[0] == 0) {
                                server.close();
                            }
                        });
                    });
                }
            });
        });
        seen.sort(null);
        assertEquals(List.of("/binary identity true", "/small identity true", "/text gzip true"), seen);
    }
}
