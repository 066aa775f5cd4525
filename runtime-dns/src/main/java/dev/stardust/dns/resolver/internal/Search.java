package dev.stardust.dns.resolver.internal;

import dev.stardust.StardustException;
import dev.stardust.internal.LoopPromise;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One name resolved through the search list, as c-ares's {@code ares_search}: the candidates are asked one after
 * the other and the first NOERROR reply with records wins. A missing name ({@code ENOTFOUND}), an empty reply
 * ({@code ENODATA}) or {@code ESERVFAIL} moves on to the next candidate; any other failure (a timeout, a refusal,
 * a cancel) ends the search at once. When every candidate is tried, an empty reply seen on the way makes the answer
 * empty (the caller's {@code ENODATA}), else the last failure is reported, named after the name asked.
 */
final class Search {
    private final DnsClient client;
    private final String name;
    private final List<String> candidates;
    private final int type;
    private final String syscall;
    private final LoopPromise<List<ResourceRecord>> promise;
    private boolean sawNoData;

    private Search(DnsClient client, String name, List<String> candidates, int type, String syscall,
            LoopPromise<List<ResourceRecord>> promise) {
        this.client = client;
        this.name = name;
        this.candidates = candidates;
        this.type = type;
        this.syscall = syscall;
        this.promise = promise;
    }

    static void start(DnsClient client, String name, List<String> candidates, int type, String syscall,
            LoopPromise<List<ResourceRecord>> promise) {
        new Search(client, name, candidates, type, syscall, promise).ask(0);
    }

    private void ask(int index) {
        client.query(candidates.get(index), type, syscall).onComplete((answers, error) -> {
            if (answers != null && !answers.isEmpty()) {
                promise.resolve(answers);
                return;
            }
            String code = error == null ? "ENODATA" : error instanceof StardustException se ? se.code() : "";
            if (!code.equals("ENODATA") && !code.equals("ENOTFOUND") && !code.equals("ESERVFAIL")) {
                promise.reject(renamed(error));
            } else if (index + 1 < candidates.size()) {
                sawNoData |= code.equals("ENODATA");
                ask(index + 1);
            } else if (sawNoData || code.equals("ENODATA")) {
                promise.resolve(List.of());
            } else {
                promise.reject(renamed(error));
            }
        });
    }

    /** The failure as the caller asked: {@code queryA ENOTFOUND web} rather than the last candidate's name. */
    private Throwable renamed(@Nullable Throwable error) {
        if (error instanceof StardustException se) {
            return new StardustException(se.code(), syscall + " " + se.code() + " " + name, se);
        }
        return error != null ? error : new StardustException("EBADRESP", syscall + " EBADRESP " + name);
    }
}
