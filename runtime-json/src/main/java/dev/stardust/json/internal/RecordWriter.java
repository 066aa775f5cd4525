package dev.stardust.json.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import tools.jackson.core.JsonGenerator;

/** Writes a record as an object of its components, in declaration order, through their accessors. */
final class RecordWriter {
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] rcs = type.getRecordComponents();
            Component[] out = new Component[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                Method accessor = rcs[i].getAccessor();
                accessor.trySetAccessible();
                out[i] = new Component(rcs[i].getName(), accessor);
            }
            return out;
        }
    };

    private record Component(String name, Method accessor) {}

    private RecordWriter() {}

    static void write(ValueWriter w, JsonGenerator g, Record r) {
        Component[] components = COMPONENTS.get(r.getClass());
        g.writeStartObject(r, components.length);
        for (Component c : components) {
            Object v;
            try {
                v = c.accessor.invoke(r);
            } catch (IllegalAccessException e) {
                throw new PathedFailure("ERR_JSON_STRINGIFY", "cannot read record component " + c.name + " of "
                        + r.getClass().getName() + ": " + e.getMessage());
            } catch (InvocationTargetException e) {
                throw new PathedFailure("ERR_JSON_STRINGIFY", "record accessor " + c.name + " threw "
                        + e.getCause());
            }
            w.member(c.name, v);
        }
        g.writeEndObject();
    }
}
