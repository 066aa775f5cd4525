package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.Buffer;
import dev.stardust.LoopOptions;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client resolves host names with {@code dns.lookup}, as node's http: a name, a literal, an unknown name. */
class ClientLookupTest {

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aHostNameALiteralAndAnUnknownName(String transport) {
        List<String> got = new ArrayList<>();
        LoopTester.run(LoopOptions.defaults().withTransport(transport), Duration.ofSeconds(15), t -> {
            // Every interface, so that "localhost" answers whichever family the system resolver lists first.
            HttpServer server = Http.createServer((req, res) -> res.end("hi " + req.headers().get("host").orElse("")));
            server.listen(0).onSuccess(s -> {
                int port = s.address().port();
                get("http://localhost:" + port + "/", got, () ->
                        get("http://127.0.0.1:" + port + "/", got, () ->
                                get("http://no-such-host.invalid:" + port + "/", got, server::close)));
            });
        });
        assertEquals(3, got.size(), got::toString);
        assertEquals("200 hi localhost:", got.get(0).substring(0, "200 hi localhost:".length()));
        assertEquals("200 hi 127.0.0.1:", got.get(1).substring(0, "200 hi 127.0.0.1:".length()));
        assertEquals("ENOTFOUND", got.get(2));
    }

    private static void get(String url, List<String> got, Runnable next) {
        ClientRequest request = Http.get(url, res -> {
            StringBuilder body = new StringBuilder();
            res.on("data", (Buffer b) -> body.append(b));
            res.onEnd(() -> {
                got.add(res.statusCode() + " " + body);
                next.run();
            });
        });
        request.on("error", (Throwable e) -> {
            got.add(e instanceof StardustException se ? se.code() : e.toString());
            next.run();
        });
    }
}
