package dev.stardust.json.internal;

import dev.stardust.json.ParseOptions;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * One jackson {@link JsonFactory} per distinct {@link ParseOptions} and use: factories are thread-safe and costly to
 * build, options are small values that programs create a handful of. Whole documents are parsed within one call on
 * one thread, so their parsers take jackson's buffers from a per-thread pool (no concurrent queue per parse); a
 * stream's parser may be fed from another thread than the one that made it, so streams keep jackson's shared pool.
 */
public final class ReaderFactories {
    private static final ConcurrentHashMap<ParseOptions, JsonFactory> DOCUMENTS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<ParseOptions, JsonFactory> STREAMS = new ConcurrentHashMap<>();
    /** The options asked for last and their factory: most programs use one set, so most calls stop here. */
    private static volatile Last last = new Last(ParseOptions.strict(),
            DOCUMENTS.computeIfAbsent(ParseOptions.strict(), ReaderFactories::forDocuments));

    private ReaderFactories() {}

    /** The factory reading whole documents with these options: each parser made, used and closed by one thread. */
    public static JsonFactory of(ParseOptions options) {
        Last l = last;
        if (l.options == options) { // identity: no hashing of eight fields (and boxing them) per parse
            return l.factory;
        }
        JsonFactory f = DOCUMENTS.computeIfAbsent(options, ReaderFactories::forDocuments);
        last = new Last(options, f);
        return f;
    }

    /** The factory for non-blocking parsers of streams, which may be fed by any thread. */
    public static JsonFactory forStreams(ParseOptions options) {
        return STREAMS.computeIfAbsent(options, o -> build(o, JsonRecyclerPools.defaultPool()));
    }

    private record Last(ParseOptions options, JsonFactory factory) {}

    private static JsonFactory forDocuments(ParseOptions o) {
        return build(o, JsonRecyclerPools.threadLocalPool());
    }

    private static JsonFactory build(ParseOptions o, RecyclerPool<BufferRecycler> pool) {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(o.maxDepth())
                .maxNumberLength(o.maxNumberLength())
                .maxStringLength(o.maxStringLength())
                .maxNameLength(o.maxStringLength())
                .maxDocumentLength(o.maxDocumentLength() == Long.MAX_VALUE ? -1 : o.maxDocumentLength())
                .build();
        var b = JsonFactory.builder().streamReadConstraints(limits).recyclerPool(pool);
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
