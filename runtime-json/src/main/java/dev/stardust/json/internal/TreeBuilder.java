package dev.stardust.json.internal;

import dev.stardust.json.DuplicateKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
 *
 * <p>The members and elements of open containers wait on one shared stack; a container's map or list is made when
 * it closes, at its exact size, so lists never grow and maps never rehash; an object's keys and values are copied
 * from the stack as one block ({@link ParsedObject#adopt}), which finds a duplicate key by comparing cached hashes
 * (small objects) or while building the index it builds anyway (large ones). That happens at the object's end, far
 * from the key: a whole-document parse is told so ({@link DuplicateKeyFound}) and parses again checking every key as
 * it comes ({@link #locateDuplicates}) to report the first duplicate where it starts; a stream, whose input is gone,
 * reports the object's end.
 */
public final class TreeBuilder {
    /** Stacks beyond this many entries are not kept by a builder reused for whole documents. */
    private static final int KEPT_STACK = 4096;

    private DuplicateKeys duplicates;
    private final boolean arrayElements;
    /** Keys and values (objects) or elements (arrays) of the open containers, innermost last. */
    private @Nullable Object[] stack = new Object[64];
    private int top;
    /** How far up {@link #stack} entries have been left since it was last cleared. */
    private int highWater;
    /** Where each open container's entries start on {@link #stack}. */
    private int[] starts = new int[16];
    private boolean[] isObject = new boolean[16];
    private int depth;
    private boolean checkSurrogates = true;
    private boolean signalDuplicates;
    /** The keys seen so far in each open object, kept only while locating a duplicate. */
    private @Nullable HashSet<String> @Nullable [] seenKeys;
    private @Nullable Object completed;
    private boolean inRootArray;
    private boolean rootArrayClosed;
    private long rootIndex;
    /** The input offset of the first token of the top-level value (element) being built or last completed. */
    private long valueStart;
    private InputWindow window = InputWindow.none();

    /** A builder for whole values, or for the elements of a top-level array when {@code arrayElements}. */
    public TreeBuilder(DuplicateKeys duplicates, boolean arrayElements) {
        this.duplicates = duplicates;
        this.arrayElements = arrayElements;
    }

    /**
     * Makes this builder (for whole values) ready for another document read with {@code policy}, as if new but
     * keeping its stacks; returns false, changing nothing, when they grew too large to be worth keeping.
     */
    boolean reset(DuplicateKeys policy) {
        if (stack.length > KEPT_STACK || starts.length > KEPT_STACK / 4) {
            return false;
        }
        Arrays.fill(stack, 0, Math.max(top, highWater), null); // after a failed parse entries may remain
        top = 0;
        highWater = 0;
        depth = 0;
        duplicates = policy;
        checkSurrogates = true;
        signalDuplicates = false;
        seenKeys = null;
        completed = null;
        inRootArray = false;
        rootArrayClosed = false;
        rootIndex = 0;
        window = InputWindow.none();
        return true;
    }

    /**
     * Whether every string and key is checked for lone surrogates; a caller that has seen the whole input and found
     * no {@code \}{@code uD...} escape (and no encoded surrogate, which is invalid UTF-8) may turn it off.
     */
    public void checkSurrogates(boolean check) {
        this.checkSurrogates = check;
    }

    /** Makes a rejected duplicate key throw {@link DuplicateKeyFound} instead of a located error. */
    public void signalDuplicates() {
        this.signalDuplicates = true;
    }

    /**
     * Checks every key against the keys before it in its object as it is read, to report the first duplicate where
     * it starts: the slow path, taken only after {@link DuplicateKeyFound}.
     */
    @SuppressWarnings("unchecked")
    public void locateDuplicates() {
        this.seenKeys = new HashSet[16];
    }

    /**
     * Pulls tokens until a value (an element, in array-elements mode) is complete, then returns true with it in
     * {@link #completed()}; returns false when the parser has nothing more for now or at all.
     */
    public boolean next(JsonParser p) {
        for (;;) {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.NOT_AVAILABLE) {
                return false;
            }
            if (depth == 0) {
                // a top-level token starts a value (or element): where it starts sizes the value for the stream limit
                valueStart = p.currentTokenLocation().getByteOffset();
            }
            @Nullable Object v;
            switch (t.id()) {
                case JsonTokenId.ID_START_OBJECT -> {
                    open(true);
                    continue;
                }
                case JsonTokenId.ID_START_ARRAY -> {
                    if (arrayElements && depth == 0 && !inRootArray) {
                        if (rootArrayClosed) {
                            throw Errors.unexpected(p, "unexpected data after the top-level array", this);
                        }
                        inRootArray = true;
                    } else {
                        open(false);
                    }
                    continue;
                }
                case JsonTokenId.ID_PROPERTY_NAME -> {
                    String key = p.currentName();
                    if (checkSurrogates && Strings.unpairedSurrogate(key) >= 0) {
                        throw Errors.unexpected(p, "key contains a lone surrogate (not valid Unicode)", this);
                    }
                    if (seenKeys != null && duplicates == DuplicateKeys.REJECT && !seenKeys[depth - 1].add(key)) {
                        push(key);
                        throw Errors.duplicateKey(p, key, this);
                    }
                    push(key);
                    continue;
                }
                case JsonTokenId.ID_END_OBJECT, JsonTokenId.ID_END_ARRAY -> {
                    if (depth == 0) { // only reached for the top-level array in array-elements mode
                        inRootArray = false;
                        rootArrayClosed = true;
                        return false;
                    }
                    v = isObject[depth - 1] ? closeObject(p) : closeArray();
                }
                case JsonTokenId.ID_STRING -> {
                    String s = p.getString();
                    if (checkSurrogates && Strings.unpairedSurrogate(s) >= 0) {
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
            push(v);
        }
    }

    private void open(boolean object) {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
            isObject = Arrays.copyOf(isObject, depth * 2);
            if (seenKeys != null) {
                seenKeys = Arrays.copyOf(seenKeys, depth * 2);
            }
        }
        starts[depth] = top;
        isObject[depth] = object;
        if (seenKeys != null) {
            seenKeys[depth] = object ? new HashSet<>() : null;
        }
        depth++;
    }

    private void push(@Nullable Object v) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top++] = v;
    }

    private ArrayList<@Nullable Object> closeArray() {
        int start = starts[depth - 1];
        ArrayList<@Nullable Object> list = new ArrayList<>(top - start);
        for (int i = start; i < top; i++) {
            list.add(stack[i]);
        }
        pop(start);
        return list;
    }

    private ParsedObject closeObject(JsonParser p) {
        int start = starts[depth - 1];
        int size = (top - start) >> 1;
        ParsedObject map;
        if (size == 0) {
            map = new ParsedObject(0);
        } else {
            @Nullable Object[] entries = new Object[top - start]; // filled by the copy, not zeroed first
            System.arraycopy(stack, start, entries, 0, top - start);
            map = ParsedObject.adopt(entries, size);
        }
        if (map == null) { // a key occurs twice: apply the policy, member by member
            map = new ParsedObject(size);
            for (int i = start; i < top; i += 2) {
                String key = (String) stack[i];
                int before = map.size();
                Object previous = map.put(key, stack[i + 1]);
                if (map.size() == before) {
                    duplicate(p, map, key, previous);
                }
            }
        }
        pop(start);
        return map;
    }

    /** A key seen twice in the object being closed: policy decides. */
    private void duplicate(JsonParser p, ParsedObject map, String key,
            @Nullable Object first) {
        switch (duplicates) {
            case KEEP_LAST -> { }
            case KEEP_FIRST -> map.put(key, first);
            case REJECT -> {
                if (signalDuplicates) {
                    throw new DuplicateKeyFound(key);
                }
                throw Errors.at("ERR_JSON_DUPLICATE_KEY", "duplicate key \"" + key + "\"", p.currentTokenLocation(),
                        path() + Paths.key(key), window);
            }
        }
    }

    private void pop(int start) {
        if (top > highWater) {
            highWater = top;
        }
        top = start; // the entries above stay until the top-level value completes: one clearing, not one per close
        depth--;
    }

    /** Sets what errors quote: the input, or the chunk being fed. */
    public void window(InputWindow window) {
        this.window = window;
    }

    InputWindow window() {
        return window;
    }

    /** The value completed by the last {@link #next} that returned true; taking it forgets it. */
    public @Nullable Object completed() {
        Object v = completed;
        completed = null;
        if (depth == 0) { // let go of the entries of the values built so far
            Arrays.fill(stack, 0, highWater, null);
            highWater = 0;
        }
        rootIndex++;
        return v;
    }

    /** True while a value is partly built, or a top-level array (array-elements mode) is open. */
    public boolean inValue() {
        return depth > 0 || inRootArray;
    }

    /** True while a container of a top-level value (element) is open. */
    public boolean building() {
        return depth > 0;
    }

    /** The input offset where the top-level value (element) being built, or the last completed, starts. */
    public long valueStart() {
        return valueStart;
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
            int end = i + 1 < depth ? starts[i + 1] : top;
            int entries = end - starts[i];
            if (!isObject[i]) {
                sb.append('[').append(entries).append(']');
            } else if ((entries & 1) == 1) { // a key waiting for its value
                Paths.appendKey(sb, (String) stack[end - 1]);
            } else if (i == depth - 1 && parserName != null
                    && !(entries >= 2 && parserName.equals(stack[end - 2]))) {
                Paths.appendKey(sb, parserName);
            }
        }
        return sb.toString();
    }

    /** A rejected duplicate key, found where its place is no longer known; the caller parses again to locate it. */
    public static final class DuplicateKeyFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String key;

        DuplicateKeyFound(String key) {
            super("duplicate key \"" + key + "\"", null, false, false);
            this.key = key;
        }

        /** The key found twice. */
        public String key() {
            return key;
        }
    }
}
