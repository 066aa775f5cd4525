package dev.stardust.json.internal;

import dev.stardust.json.ParseOptions;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * One jackson {@link JsonFactory} per distinct {@link ParseOptions}: factories are thread-safe and costly to build,
 * options are small values that programs create a handful of.
 */
public final class ReaderFactories {
    private static final ConcurrentHashMap<ParseOptions, JsonFactory> CACHE = new ConcurrentHashMap<>();
    /** The options asked for last and their factory: most programs use one set, so most calls stop here. */
    private static volatile Last last = new Last(ParseOptions.strict(),
            CACHE.computeIfAbsent(ParseOptions.strict(), ReaderFactories::build));

    private ReaderFactories() {}

    /** The factory reading with these options. */
    public static JsonFactory of(ParseOptions options) {
        Last l = last;
        if (l.options == options) { // identity: no hashing of eight fields (and boxing them) per parse
            return l.factory;
        }
        JsonFactory f = CACHE.computeIfAbsent(options, ReaderFactories::build);
        last = new Last(options, f);
        return f;
    }

    private record Last(ParseOptions options, JsonFactory factory) {}

    private static JsonFactory build(ParseOptions o) {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(o.maxDepth())
                .maxNumberLength(o.maxNumberLength())
                .maxStringLength(o.maxStringLength())
                .maxNameLength(o.maxStringLength())
                .maxDocumentLength(o.maxDocumentLength() == Long.MAX_VALUE ? -1 : o.maxDocumentLength())
                .build();
        var b = JsonFactory.builder().streamReadConstraints(limits);
        for (JsonReadFeature f : JsonReadFeature.values()) {
            b.disable(f);
        }
        return b.configure(JsonReadFeature.ALLOW_JAVA_COMMENTS, o.comments())
                .configure(JsonReadFeature.ALLOW_TRAILING_COMMA, o.trailingCommas())
                .configure(JsonReadFeature.ALLOW_SINGLE_QUOTES, o.singleQuotes())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
