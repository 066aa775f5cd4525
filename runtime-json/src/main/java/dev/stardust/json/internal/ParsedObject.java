package dev.stardust.json.internal;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object as {@code Json.parse} gives it: a mutable, insertion-ordered {@code Map} (as {@code LinkedHashMap})
 * that keeps its keys and values in one array (key, value, key, value...) instead of one entry object per member:
 * the layout of the parser's entry stack, so that parsing makes an object with one array copy. Parsed objects are
 * mostly small, so lookups scan the keys (comparing cached hashes first) up to {@value #LINEAR_MAX} members and use
 * an open-addressing index of positions beyond. Against {@code LinkedHashMap} that is about a quarter of the memory
 * per object and no hashing while parsing small objects. Not thread-safe, as {@code LinkedHashMap}.
 */
final class ParsedObject extends AbstractMap<String, @Nullable Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Up to this many members, lookups scan; beyond, they go through {@link #index}. */
    static final int LINEAR_MAX = 12;
    private static final Object[] EMPTY = new Object[0];

    /**
     * Keys at even positions, each followed by its value: the layout of the parser's entry stack, so that a parsed
     * object is made with one array copy.
     */
    private @Nullable Object[] entries;
    private int size;
    /** Open addressing: position + 1 of the member whose key hashes there, 0 for free; null while small. */
    private transient int @Nullable [] index;
    private transient int modCount;
    private transient @Nullable Set<Map.Entry<String, @Nullable Object>> entrySet;

    /** An empty map with room for {@code capacity} members. */
    ParsedObject(int capacity) {
        entries = capacity == 0 ? EMPTY : new Object[capacity * 2];
    }

    private ParsedObject(@Nullable Object[] entries, int size) {
        this.entries = entries;
        this.size = size;
    }

    /**
     * The map over {@code entries} (keys at even positions, non-null strings, each followed by its value; the
     * array is kept, not copied), or null when a key occurs twice. The check costs a comparison of cached hashes
     * per pair of keys in a small object and one probe per key in a large one, whose index it builds anyway.
     */
    static @Nullable ParsedObject adopt(@Nullable Object[] entries, int size) {
        ParsedObject map = new ParsedObject(entries, size);
        if (size > LINEAR_MAX) {
            return map.indexUnique() ? map : null;
        }
        for (int i = 2; i < size * 2; i += 2) {
            Object k = entries[i];
            int h = k.hashCode();
            for (int j = 0; j < i; j += 2) {
                Object other = entries[j];
                if (other == k || other.hashCode() == h && other.equals(k)) {
                    return null;
                }
            }
        }
        return map;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return find(key) >= 0;
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
        int i = find(key);
        return i >= 0 ? entries[2 * i + 1] : null;
    }

    @Override
    public @Nullable Object put(String key, @Nullable Object value) {
        Objects.requireNonNull(key, "JSON object keys are strings, never null");
        int h = key.hashCode();
        int i = find(key, h);
        if (i >= 0) {
            Object previous = entries[2 * i + 1];
            entries[2 * i + 1] = value;
            return previous;
        }
        if (size * 2 == entries.length) {
            entries = Arrays.copyOf(entries, Math.max(8, size * 4));
        }
        entries[2 * size] = key;
        entries[2 * size + 1] = value;
        size++;
        modCount++;
        if (index != null) {
            if (size * 2 > index.length) {
                reindex();
            } else {
                insert(index, h, size - 1);
            }
        } else if (size > LINEAR_MAX) {
            reindex();
        }
        return null;
    }

    @Override
    public @Nullable Object remove(@Nullable Object key) {
        int i = find(key);
        if (i < 0) {
            return null;
        }
        Object previous = entries[2 * i + 1];
        removeAt(i);
        return previous;
    }

    private void removeAt(int i) {
        System.arraycopy(entries, 2 * i + 2, entries, 2 * i, 2 * (size - i - 1));
        size--;
        entries[2 * size] = null;
        entries[2 * size + 1] = null;
        modCount++;
        if (index != null) {
            reindex();
        }
    }

    @Override
    public void clear() {
        Arrays.fill(entries, 0, 2 * size, null);
        size = 0;
        index = null;
        modCount++;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super @Nullable Object> action) {
        int expected = modCount;
        for (int i = 0; i < size; i++) {
            action.accept((String) entries[2 * i], entries[2 * i + 1]);
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    /** The key of the member at {@code i}, in insertion order (for the writer, which walks without an iterator). */
    String keyAt(int i) {
        return (String) entries[2 * i];
    }

    /** The value of the member at {@code i}. */
    @Nullable Object valueAt(int i) {
        return entries[2 * i + 1];
    }

    private int find(@Nullable Object key) {
        return key == null ? -1 : find(key, key.hashCode());
    }

    private int find(Object key, int h) {
        int[] idx = index;
        if (idx == null && size > LINEAR_MAX) {
            reindex(); // after deserialization
            idx = index;
        }
        if (idx == null) {
            for (int i = 0; i < size; i++) {
                Object k = entries[2 * i];
                if (k == key || k.hashCode() == h && k.equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        int mask = idx.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int p = idx[slot];
            if (p == 0) {
                return -1;
            }
            Object k = entries[2 * (p - 1)];
            if (k == key || k.hashCode() == h && k.equals(key)) {
                return p - 1;
            }
        }
    }

    private void reindex() {
        if (size <= LINEAR_MAX) {
            index = null;
            return;
        }
        int[] idx = newIndex();
        for (int i = 0; i < size; i++) {
            insert(idx, entries[2 * i].hashCode(), i);
        }
        index = idx;
    }

    /** Builds the index of a large adopted map; false, and no index, when a key occurs twice. */
    private boolean indexUnique() {
        int[] idx = newIndex();
        int mask = idx.length - 1;
        for (int i = 0; i < size; i++) {
            Object key = entries[2 * i];
            int h = key.hashCode();
            int slot = spread(h) & mask;
            for (int p; (p = idx[slot]) != 0; slot = (slot + 1) & mask) {
                Object k = entries[2 * (p - 1)];
                if (k == key || k.hashCode() == h && k.equals(key)) {
                    return false;
                }
            }
            idx[slot] = i + 1;
        }
        index = idx;
        return true;
    }

    private int[] newIndex() {
        return new int[Integer.highestOneBit(size * 4 - 1)]; // a power of two, at most half full
    }

    private static void insert(int[] idx, int h, int position) {
        int mask = idx.length - 1;
        int slot = spread(h) & mask;
        while (idx[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        idx[slot] = position + 1;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public Set<Map.Entry<String, @Nullable Object>> entrySet() {
        Set<Map.Entry<String, @Nullable Object>> s = entrySet;
        if (s == null) {
            s = new Entries();
            entrySet = s;
        }
        return s;
    }

    /** The members in insertion order; removal through the iterator and {@code setValue} write through. */
    private final class Entries extends AbstractSet<Map.Entry<String, @Nullable Object>> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public void clear() {
            ParsedObject.this.clear();
        }

        @Override
        public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
            return new Iterator<>() {
                private int next;
                private int last = -1;
                private int expected = modCount;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Map.Entry<String, @Nullable Object> next() {
                    if (modCount != expected) {
                        throw new ConcurrentModificationException();
                    }
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    last = next++;
                    return new Member(last);
                }

                @Override
                public void remove() {
                    if (last < 0) {
                        throw new IllegalStateException();
                    }
                    if (modCount != expected) {
                        throw new ConcurrentModificationException();
                    }
                    removeAt(last);
                    next = last;
                    last = -1;
                    expected = modCount;
                }
            };
        }
    }

    /** One member, read and written through to the arrays at its position. */
    private final class Member implements Map.Entry<String, @Nullable Object> {
        private final int position;
        private final String key;

        Member(int position) {
            this.position = position;
            this.key = (String) entries[2 * position];
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public @Nullable Object getValue() {
            return position < size && entries[2 * position] == key ? entries[2 * position + 1] : get(key);
        }

        @Override
        public @Nullable Object setValue(@Nullable Object value) {
            int i = position < size && entries[2 * position] == key ? position : find(key);
            if (i < 0) {
                throw new IllegalStateException("the member was removed");
            }
            Object previous = entries[2 * i + 1];
            entries[2 * i + 1] = value;
            return previous;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(getValue(),
                    e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
