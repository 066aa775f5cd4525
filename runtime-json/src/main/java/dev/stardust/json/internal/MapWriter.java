package dev.stardust.json.internal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/** Writes a {@code Map} as an object: keys are strings, enums (by name), numbers, booleans or characters. */
final class MapWriter {
    private MapWriter() {}

    static void write(ValueWriter w, JsonGenerator g, Map<Object, @Nullable Object> m, boolean sortKeys) {
        g.writeStartObject(m, m.size());
        if (sortKeys) {
            List<Map.Entry<String, @Nullable Object>> entries = new ArrayList<>(m.size());
            for (Map.Entry<Object, @Nullable Object> e : m.entrySet()) {
                entries.add(new AbstractMap.SimpleImmutableEntry<>(key(e.getKey()), e.getValue()));
            }
            entries.sort(Comparator.comparing(Map.Entry::getKey));
            for (Map.Entry<String, @Nullable Object> e : entries) {
                w.member(e.getKey(), e.getValue());
            }
        } else {
            for (Map.Entry<Object, @Nullable Object> e : m.entrySet()) {
                Object k = e.getKey();
                w.member(k instanceof String s ? s : key(k), e.getValue());
            }
        }
        g.writeEndObject();
    }

    private static String key(@Nullable Object k) {
        if (k instanceof CharSequence || k instanceof Number || k instanceof Boolean || k instanceof Character) {
            return k.toString();
        }
        if (k instanceof Enum<?> e) {
            return e.name();
        }
        throw new PathedFailure("ERR_JSON_STRINGIFY", k == null ? "a map key is null"
                : "cannot write a map key of type " + k.getClass().getName() + " as a JSON string");
    }
}
