package dev.stardust.json.internal;

import dev.stardust.json.DuplicateKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JsonTokenId;

/**
 * Builds plain Java values from a jackson token stream with an explicit stack instead of recursion, so that nesting
 * is bounded by the parser's depth limit and never by the thread's stack. It pulls tokens until a value completes
 * or the parser has no more input ({@link JsonToken#NOT_AVAILABLE} from a non-blocking parser, or the end), so the
 * same code serves whole documents and chunked streams. In array-elements mode the top-level array itself is not
 * kept: each element completes on its own.
 */
public final class TreeBuilder {
    /** Marks a key whose value is read and dropped ({@link DuplicateKeys#KEEP_FIRST}). */
    private static final String SKIP = new String("skip");

    private final DuplicateKeys duplicates;
    private final boolean arrayElements;
    private Object[] open = new Object[16];
    private @Nullable String[] keys = new String[16];
    private boolean[] pending = new boolean[16];
    private int depth;
    private @Nullable Object completed;
    private boolean inRootArray;
    private boolean rootArrayClosed;
    private long rootIndex;
    private InputWindow window = InputWindow.none();

    /** A builder for whole values, or for the elements of a top-level array when {@code arrayElements}. */
    public TreeBuilder(DuplicateKeys duplicates, boolean arrayElements) {
        this.duplicates = duplicates;
        this.arrayElements = arrayElements;
    }

    /**
     * Pulls tokens until a value (an element, in array-elements mode) is complete, then returns true with it in
     * {@link #completed()}; returns false when the parser has nothing more for now or at all.
     */
    @SuppressWarnings("unchecked")
    public boolean next(JsonParser p) {
        for (;;) {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.NOT_AVAILABLE) {
                return false;
            }
            @Nullable Object v;
            switch (t.id()) {
                case JsonTokenId.ID_START_OBJECT -> {
                    push(new LinkedHashMap<String, Object>());
                    continue;
                }
                case JsonTokenId.ID_START_ARRAY -> {
                    if (arrayElements && depth == 0 && !inRootArray) {
                        if (rootArrayClosed) {
                            throw Errors.unexpected(p, "unexpected data after the top-level array", this);
                        }
                        inRootArray = true;
                    } else {
                        push(new ArrayList<Object>());
                    }
                    continue;
                }
                case JsonTokenId.ID_PROPERTY_NAME -> {
                    String key = p.currentName();
                    if (Strings.unpairedSurrogate(key) >= 0) {
                        throw Errors.unexpected(p, "key contains a lone surrogate (not valid Unicode)", this);
                    }
                    if (duplicates != DuplicateKeys.KEEP_LAST
                            && ((Map<String, Object>) open[depth - 1]).containsKey(key)) {
                        if (duplicates == DuplicateKeys.REJECT) {
                            keys[depth - 1] = key;
                            pending[depth - 1] = true;
                            throw Errors.duplicateKey(p, key, this);
                        }
                        key = SKIP;
                    }
                    keys[depth - 1] = key;
                    pending[depth - 1] = true;
                    continue;
                }
                case JsonTokenId.ID_END_OBJECT, JsonTokenId.ID_END_ARRAY -> {
                    if (depth == 0) { // only reached for the top-level array in array-elements mode
                        inRootArray = false;
                        rootArrayClosed = true;
                        return false;
                    }
                    v = open[--depth];
                    open[depth] = null;
                }
                case JsonTokenId.ID_STRING -> {
                    String s = p.getString();
                    if (Strings.unpairedSurrogate(s) >= 0) {
                        throw Errors.unexpected(p, "string contains a lone surrogate (not valid Unicode)", this);
                    }
                    v = s;
                }
                case JsonTokenId.ID_NUMBER_INT -> v = Numbers.integer(p);
                case JsonTokenId.ID_NUMBER_FLOAT -> v = Numbers.decimal(p, this);
                case JsonTokenId.ID_TRUE -> v = Boolean.TRUE;
                case JsonTokenId.ID_FALSE -> v = Boolean.FALSE;
                case JsonTokenId.ID_NULL -> v = null;
                default -> throw Errors.unexpected(p, "unexpected token " + t, this);
            }
            if (depth == 0) {
                if (arrayElements && !inRootArray) {
                    throw Errors.unexpected(p, "expected a top-level array", this);
                }
                completed = v;
                return true;
            }
            Object container = open[depth - 1];
            if (container instanceof ArrayList<?> list) {
                ((ArrayList<Object>) list).add(v);
            } else {
                String key = keys[depth - 1];
                if (key != SKIP) {
                    ((Map<String, @Nullable Object>) container).put(key, v);
                }
                pending[depth - 1] = false;
            }
        }
    }

    /** Sets what errors quote: the input, or the chunk being fed. */
    public void window(InputWindow window) {
        this.window = window;
    }

    InputWindow window() {
        return window;
    }

    private void push(Object container) {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
            keys = Arrays.copyOf(keys, depth * 2);
            pending = Arrays.copyOf(pending, depth * 2);
        }
        keys[depth] = null;
        pending[depth] = false;
        open[depth++] = container;
    }

    /** The value completed by the last {@link #next} that returned true; taking it forgets it. */
    public @Nullable Object completed() {
        Object v = completed;
        completed = null;
        rootIndex++;
        return v;
    }

    /** True while a value is partly built, or a top-level array (array-elements mode) is open. */
    public boolean inValue() {
        return depth > 0 || inRootArray;
    }

    /** True once the top-level array has been closed (array-elements mode). */
    public boolean rootArrayClosed() {
        return rootArrayClosed;
    }

    /** The JSON path of the value being built, for error messages: {@code $}, {@code $.a[3].b}. */
    public String path() {
        return path(null);
    }

    /**
     * The path, taking {@code parserName} (the name jackson's parser last read, which it reads together with the
     * value after it) as the key of the innermost object when it differs from the last key this builder took.
     */
    String path(@Nullable String parserName) {
        StringBuilder sb = new StringBuilder("$");
        if (arrayElements && (inRootArray || rootArrayClosed)) {
            sb.append('[').append(rootIndex).append(']');
        }
        for (int i = 0; i < depth; i++) {
            if (open[i] instanceof List<?> list) {
                sb.append('[').append(list.size()).append(']');
            } else {
                String key = keys[i];
                if (pending[i] && key != null && key != SKIP) {
                    Paths.appendKey(sb, key);
                } else if (i == depth - 1 && parserName != null && !parserName.equals(key)) {
                    Paths.appendKey(sb, parserName);
                }
            }
        }
        return sb.toString();
    }

}
