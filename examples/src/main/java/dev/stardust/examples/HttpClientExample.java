package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.http.Http;

/** {@code http-client URL}: GETs the URL and streams the body to stdout; on failure prints the error code, exits 1. */
public final class HttpClientExample implements Example {

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public String description() {
        return "URL  GET the URL and stream the body to stdout (exit 1 and the error code on failure)";
    }

    @Override
    public int run(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: http-client URL");
            return 2;
        }
        int[] status = {0};
        Loop.run(() -> Http.get(args[0], res -> {
            status[0] = res.statusCode() < 400 ? 0 : 1;
            res.onData(chunk -> System.out.write(chunk.toByteArray(), 0, chunk.length()));
            res.onEnd(System.out::flush);
            res.onError(e -> fail(status, e));
        }).on("error", (Throwable e) -> fail(status, e)));
        return status[0];
    }

    private static void fail(int[] status, Throwable e) {
        status[0] = 1;
        System.err.println("error: " + (e instanceof StardustException ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage());
    }
}
