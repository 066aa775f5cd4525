package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code response.sendFile}: the file as the body through a FileRegion (sendfile), on every transport. */
class SendFileTest {
    @TempDir
    Path dir;


    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void sendsTheFileWithItsLengthAndAnswers404ForAMissingOne(String transport) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("blob.bin"), content);
        List<Object> got = new ArrayList<>();
        LoopTester.run(dev.stardust.LoopOptions.defaults().withTransport(transport), LoopTester.DEFAULT_TIMEOUT,
                t -> {
                    HttpServer server = Http.createServer((req, res) -> {
                        String path = req.path().equals("/blob") ? file.toString() : dir.resolve("none").toString();
                        res.sendFile(path).onFailure(e -> {
                            got.add(((StardustException) e).code());
                            res.statusCode(404).end("not found\n");
                        });
                    });
                    server.listen(0, "127.0.0.1").onSuccess(s -> {
                        int port = s.address().port();
                        fetch(port, "/blob", got, () -> fetch(port, "/missing", got, server::close));
                    });
                });
        assertEquals(String.valueOf(content.length), got.get(0));
        assertArrayEquals(content, ((Buffer) got.get(1)).toByteArray());
        assertEquals("ENOENT", got.get(2));
        assertEquals(404, got.get(3));
        assertTrue(got.get(4).toString().startsWith("not found"));
    }

    private static void fetch(int port, String path, List<Object> got, Runnable then) {
        Http.get(RequestOptions.of("http://127.0.0.1:" + port + path).withoutAgent(), res -> {
            List<Buffer> body = new ArrayList<>();
            if (res.statusCode() == 200) {
                got.add(res.headers().get("content-length").orElse("?"));
            } else {
                got.add(res.statusCode());
            }
            res.onData(body::add);
            res.onEnd(() -> {
                got.add(res.statusCode() == 200 ? Buffer.concat(body) : Buffer.concat(body).toString());
                then.run();
            });
        });
    }
}
