package dev.stardust.json.internal;

import java.lang.reflect.Array;
import tools.jackson.core.JsonGenerator;

/** Writes Java arrays, object or primitive, as JSON arrays ({@code byte[]} too: an array of numbers). */
final class ArrayWriter {
    private ArrayWriter() {}

    static void write(ValueWriter w, JsonGenerator g, Object array) {
        int n = Array.getLength(array);
        g.writeStartArray(array, n);
        if (array instanceof Object[] objects) {
            for (int i = 0; i < n; i++) {
                w.element(objects[i], i);
            }
        } else if (array instanceof int[] ints) {
            g.writeArray(ints, 0, n);
            return;
        } else if (array instanceof long[] longs) {
            g.writeArray(longs, 0, n);
            return;
        } else {
            for (int i = 0; i < n; i++) {
                w.element(Array.get(array, i), i);
            }
        }
        g.writeEndArray();
    }
}
