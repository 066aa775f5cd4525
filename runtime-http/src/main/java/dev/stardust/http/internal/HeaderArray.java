package dev.stardust.http.internal;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An outgoing message's header fields as one array of names and values, in the order they were set: a response or
 * request carries a handful, so a scan beats Netty's hash table, which allocates a bucket array and an entry per field
 * and hashes every name. Names match case-insensitively; nothing is validated here ({@link OutgoingHeaders} did that,
 * and Stardust's own fields are constants). Loop thread only, as the message is.
 *
 * <p>{@link #iteratorCharSequence()}, which Netty's encoder uses, hands out one reusable entry: read each before the
 * next call, as the encoder does.
 */
class HeaderArray extends HttpHeaders {
    private CharSequence[] fields = new CharSequence[12];
    private int length; // used slots: two per field

    // ---- reading ---------------------------------------------------------------------------------------------

    private int indexOf(CharSequence name, int from) {
        for (int i = from; i < length; i += 2) {
            if (AsciiString.contentEqualsIgnoreCase(fields[i], name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public @Nullable String get(String name) {
        return get((CharSequence) name);
    }

    @Override
    public @Nullable String get(CharSequence name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : fields[i + 1].toString();
    }

    @Override
    public @Nullable Integer getInt(CharSequence name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int getInt(CharSequence name, int defaultValue) {
        Integer value = getInt(name);
        return value == null ? defaultValue : value;
    }

    @Override
    public @Nullable Short getShort(CharSequence name) {
        Integer value = getInt(name);
        return value == null || value != value.shortValue() ? null : value.shortValue();
    }

    @Override
    public short getShort(CharSequence name, short defaultValue) {
        Short value = getShort(name);
        return value == null ? defaultValue : value;
    }

    @Override
    public @Nullable Long getTimeMillis(CharSequence name) {
        String value = get(name);
        Date date = value == null ? null : DateFormatter.parseHttpDate(value);
        return date == null ? null : date.getTime();
    }

    @Override
    public long getTimeMillis(CharSequence name, long defaultValue) {
        Long value = getTimeMillis(name);
        return value == null ? defaultValue : value;
    }

    @Override
    public List<String> getAll(String name) {
        return getAll((CharSequence) name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        List<String> values = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 2)) {
            values.add(fields[i + 1].toString());
        }
        return values;
    }

    @Override
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(length / 2);
        for (int i = 0; i < length; i += 2) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(fields[i].toString(), fields[i + 1].toString()));
        }
        return entries;
    }

    @Override
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    @Override
    public boolean contains(CharSequence name) {
        return indexOf(name, 0) >= 0;
    }

    /** Whether a field {@code name} holds {@code value} among its comma-separated values, as Netty's headers answer. */
    @Override
    public boolean containsValue(CharSequence name, CharSequence value, boolean ignoreCase) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 2)) {
            String field = fields[i + 1].toString();
            int start = 0;
            while (start <= field.length()) {
                int comma = field.indexOf(',', start);
                int end = comma < 0 ? field.length() : comma;
                String part = field.substring(start, end).trim();
                if (ignoreCase ? AsciiString.contentEqualsIgnoreCase(part, value)
                        : AsciiString.contentEquals(part, value)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return entries().iterator();
    }

    @Override
    public Iterator<Map.Entry<CharSequence, CharSequence>> iteratorCharSequence() {
        return new Fields();
    }

    @Override
    public boolean isEmpty() {
        return length == 0;
    }

    @Override
    public int size() {
        return length / 2;
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < length; i += 2) {
            if (indexOf(fields[i], 0) == i) {
                names.add(fields[i].toString());
            }
        }
        return names;
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    private void append(CharSequence name, CharSequence value) {
        if (length == fields.length) {
            fields = Arrays.copyOf(fields, length * 2);
        }
        fields[length++] = Objects.requireNonNull(name, "name");
        fields[length++] = Objects.requireNonNull(value, "value");
    }

    private static CharSequence text(Object value) {
        if (value instanceof CharSequence text) {
            return text;
        }
        if (value instanceof Date date) {
            return DateFormatter.format(date);
        }
        return String.valueOf(Objects.requireNonNull(value, "value"));
    }

    @Override
    public HttpHeaders add(String name, Object value) {
        return add((CharSequence) name, value);
    }

    @Override
    public HttpHeaders add(CharSequence name, Object value) {
        append(name, text(value));
        return this;
    }

    @Override
    public HttpHeaders add(String name, Iterable<?> values) {
        return add((CharSequence) name, values);
    }

    @Override
    public HttpHeaders add(CharSequence name, Iterable<?> values) {
        for (Object value : values) {
            append(name, text(value));
        }
        return this;
    }

    @Override
    public HttpHeaders addInt(CharSequence name, int value) {
        append(name, Integer.toString(value));
        return this;
    }

    @Override
    public HttpHeaders addShort(CharSequence name, short value) {
        append(name, Short.toString(value));
        return this;
    }

    @Override
    public HttpHeaders set(String name, Object value) {
        return set((CharSequence) name, value);
    }

    @Override
    public HttpHeaders set(CharSequence name, Object value) {
        remove(name);
        append(name, text(value));
        return this;
    }

    @Override
    public HttpHeaders set(String name, Iterable<?> values) {
        return set((CharSequence) name, values);
    }

    @Override
    public HttpHeaders set(CharSequence name, Iterable<?> values) {
        remove(name);
        return add(name, values);
    }

    @Override
    public HttpHeaders setInt(CharSequence name, int value) {
        remove(name);
        return addInt(name, value);
    }

    @Override
    public HttpHeaders setShort(CharSequence name, short value) {
        remove(name);
        return addShort(name, value);
    }

    @Override
    public HttpHeaders remove(String name) {
        return remove((CharSequence) name);
    }

    @Override
    public HttpHeaders remove(CharSequence name) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return this;
        }
        int kept = first;
        for (int i = first; i < length; i += 2) {
            if (!AsciiString.contentEqualsIgnoreCase(fields[i], name)) {
                fields[kept++] = fields[i];
                fields[kept++] = fields[i + 1];
            }
        }
        Arrays.fill(fields, kept, length, null);
        length = kept;
        return this;
    }

    @Override
    public HttpHeaders clear() {
        Arrays.fill(fields, 0, length, null);
        length = 0;
        return this;
    }

    /** The fields in order, through one entry that each {@code next()} moves on. */
    private final class Fields implements Iterator<Map.Entry<CharSequence, CharSequence>>,
            Map.Entry<CharSequence, CharSequence> {
        private int next;
        private int current = -2;

        @Override
        public boolean hasNext() {
            return next < length;
        }

        @Override
        public Map.Entry<CharSequence, CharSequence> next() {
            if (next >= length) {
                throw new NoSuchElementException();
            }
            current = next;
            next += 2;
            return this;
        }

        @Override
        public CharSequence getKey() {
            return fields[current];
        }

        @Override
        public CharSequence getValue() {
            return fields[current + 1];
        }

        @Override
        public CharSequence setValue(CharSequence value) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
