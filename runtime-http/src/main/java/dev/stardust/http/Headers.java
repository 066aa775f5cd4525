package dev.stardust.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header fields of a received message, immutable: looked up case-insensitively, with every value of a repeated
 * field, and in the order and spelling they came on the wire (node's {@code headers} and {@code rawHeaders}).
 */
public final class Headers {
    /** No headers. */
    public static final Headers EMPTY = new Headers(new String[0]);

    private final String[] namesAndValues;

    private Headers(String[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    /** Headers from alternating names and values, e.g. {@code of("Host", "a", "Accept", "*}{@code /*")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, got an odd count: " + namesAndValues.length);
        }
        return namesAndValues.length == 0 ? EMPTY : new Headers(namesAndValues.clone());
    }

    /** Headers from a list of raw name/value pairs in order. */
    public static Headers of(List<Map.Entry<String, String>> entries) {
        String[] array = new String[entries.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : entries) {
            array[i++] = e.getKey();
            array[i++] = e.getValue();
        }
        return array.length == 0 ? EMPTY : new Headers(array);
    }

    /** The first value of {@code name}, matched case-insensitively (node's {@code headers[name]} for single fields). */
    public Optional<String> get(String name) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equalsIgnoreCase(name)) {
                return Optional.of(namesAndValues[i + 1]);
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code name} in wire order; empty when absent (node's {@code headersDistinct[name]}). */
    public List<String> getAll(String name) {
        List<String> values = null;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(namesAndValues[i + 1]);
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /** Whether {@code name} is present. */
    public boolean contains(String name) {
        return get(name).isPresent();
    }

    /** The distinct names, lower-cased, in order of first appearance (node's {@code Object.keys(headers)}). */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            names.add(namesAndValues[i].toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(names);
    }

    /** The number of fields, repeats counted. */
    public int size() {
        return namesAndValues.length / 2;
    }

    /** The name of field {@code index} as sent. */
    public String name(int index) {
        return namesAndValues[index * 2];
    }

    /** The value of field {@code index}. */
    public String value(int index) {
        return namesAndValues[index * 2 + 1];
    }

    /** Alternating names and values exactly as received (node's {@code rawHeaders}). */
    public List<String> raw() {
        return List.of(namesAndValues);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Headers{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            sb.append(i == 0 ? "" : ", ").append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]);
        }
        return sb.append('}').toString();
    }
}
