package dev.stardust.examples;

import dev.stardust.Loops;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServerOptions;
import java.util.Map;

/**
 * {@code hello-cluster [PORT] [LOOPS]}: the hello server on LOOPS loops (default: one per core), each its own thread
 * with its own server on the same port ({@code SO_REUSEPORT}), instead of node's {@code cluster} of processes. The
 * kernel spreads new connections over the loops and each connection stays on the loop that accepted it, so handlers
 * still run on one thread at a time per connection; state shared between loops needs the usual thread-safety.
 */
public final class HelloClusterExample implements Example {

    @Override
    public String name() {
        return "hello-cluster";
    }

    @Override
    public String description() {
        return "[PORT] [LOOPS] the hello server on LOOPS loops sharing PORT with SO_REUSEPORT (epoll/kqueue)";
    }

    @Override
    public int run(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        HttpServerOptions options = HttpServerOptions.defaults().withReusePort(true);
        // One server per loop, all on one port; throws here if a loop cannot listen (ERR_REUSEPORT_UNSUPPORTED on NIO).
        Loops loops = Loops.startEach(count, i -> Http.createServer(options, (req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain"));
            res.end("Hello world\n");
        }).listen(port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> loops.close().join())); // Ctrl-C: finish, then stop
        System.out.println("Server listening at http://localhost:" + port + "/ on " + count + " loops");
        Thread.currentThread().join(); // the loops run until the process is stopped
        return 0;
    }
}
