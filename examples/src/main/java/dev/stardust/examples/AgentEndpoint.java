package dev.stardust.examples;

import dev.stardust.http.Https;
import dev.stardust.http.RequestOptions;
import dev.stardust.tls.TlsOptions;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where the agent POSTs its reports: the request (JSON, a 10 s timeout, the bearer token when one is configured)
 * and, for an {@code https://} endpoint, the TLS settings that verify it (the options' CA, else the JDK's trust).
 */
record AgentEndpoint(RequestOptions request, @Nullable TlsOptions tls) {

    /** The endpoint {@code options} name, or null when the agent only serves its pages. */
    static @Nullable AgentEndpoint of(AgentOptions options) {
        String url = options.endpoint;
        if (url == null) {
            return null;
        }
        boolean secure = url.regionMatches(true, 0, "https://", 0, 8);
        TlsOptions tls = !secure ? null
                : options.ca != null ? TlsOptions.defaults().withCa(options.ca) : TlsOptions.defaults();
        RequestOptions post = (secure ? Https.options(url) : RequestOptions.of(url)).withMethod("POST")
                .withHeader("Content-Type", "application/json").withoutAgent().withTimeout(Duration.ofSeconds(10));
        return new AgentEndpoint(options.token == null ? post : post.withHeader("Authorization",
                "Bearer " + options.token), tls);
    }
}
