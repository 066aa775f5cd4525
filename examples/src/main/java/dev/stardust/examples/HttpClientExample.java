package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.http.ClientRequest;
import dev.stardust.http.Http;
import dev.stardust.process.Process;
import java.nio.charset.StandardCharsets;

/**
 * {@code http-client URL [TIMEOUT_MS]}: GETs the URL and streams the body to stdout; a request idle for longer than
 * the timeout is aborted. On failure it prints the error code and the program ends with status 1, as node's would.
 */
public final class HttpClientExample implements Example {

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public String description() {
        return "URL [TIMEOUT_MS]  GET the URL and stream the body to stdout; abort after TIMEOUT_MS idle (default "
                + "30000); exit 1 and the error code on failure";
    }

    @Override
    public int run(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: http-client URL [TIMEOUT_MS]");
            return 2;
        }
        long timeoutMs = args.length > 1 ? Long.parseLong(args[1]) : 30_000;
        Loop.run(() -> get(args[0], timeoutMs));
        return 0;
    }

    /** The README's client: a GET with an idle timeout that aborts it. */
    static ClientRequest get(String url, long timeoutMs) {
        // readme:client begin
        ClientRequest req = Http.get(url, res -> {
            res.setEncoding(StandardCharsets.UTF_8).onData(System.out::print);
            res.onEnd(System.out::flush);
            res.onError(HttpClientExample::fail);
            if (res.statusCode() >= 400) {
                Process.current().exitCode(1);
            }
        });
        req.setTimeout(timeoutMs);
        req.onTimeout(() -> req.destroy(new StardustException("ETIMEDOUT", "no answer for " + timeoutMs + " ms")));
        req.onError(HttpClientExample::fail);
        // readme:client end
        return req;
    }

    private static void fail(Throwable e) {
        System.err.println("error: " + e.getMessage());
        Process.current().exitCode(1);
    }
}
