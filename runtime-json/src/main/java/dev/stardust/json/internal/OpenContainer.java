package dev.stardust.json.internal;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One container being written by {@link ValueWriter}: an object (map or record) or an array (collection or Java
 * array), with the position reached. Objects give the key of each member before its value, for the writer to write
 * and for error paths.
 */
abstract class OpenContainer {
    /** Not final: the open containers of parsed objects and array lists are reused per depth (see {@link #reset}). */
    Object container;
    /** Index of the element last taken, for paths; -1 before the first. */
    int index = -1;

    OpenContainer(Object container) {
        this.container = container;
    }

    /** Starts over on another container of the same kind. */
    void reset(Object container) {
        this.container = container;
        this.index = -1;
    }

    abstract boolean isObject();

    abstract boolean hasNext();

    /** The next element or member value (for objects, {@link #key()} is then its key). */
    abstract @Nullable Object next();

    /** The key of the member last taken; only for objects. */
    String key() {
        throw new IllegalStateException();
    }

    static OpenContainer of(Collection<?> c) {
        if (c instanceof ArrayList<?> list) {
            return new Indexed(list);
        }
        return new Elements(c, c.iterator());
    }

    static OpenContainer ofArray(Object array) {
        return array instanceof Object[] objects ? new Elements(array, List.of().iterator()) {
            @Override
            boolean hasNext() {
                return index + 1 < objects.length;
            }

            @Override
            @Nullable Object next() {
                return objects[++index];
            }
        } : new Elements(array, List.of().iterator()) {
            private final int length = Array.getLength(array);

            @Override
            boolean hasNext() {
                return index + 1 < length;
            }

            @Override
            @Nullable Object next() {
                return Array.get(array, ++index);
            }
        };
    }

    static OpenContainer of(Map<?, ?> m, boolean sortKeys) {
        if (m instanceof ParsedObject parsed && !sortKeys) {
            return new ParsedMembers(parsed);
        }
        Iterator<? extends Map.Entry<?, ?>> entries = m.entrySet().iterator();
        if (sortKeys) {
            List<Map.Entry<String, @Nullable Object>> sorted = new ArrayList<>(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sorted.add(new AbstractMap.SimpleImmutableEntry<String, @Nullable Object>(Keys.of(e.getKey()), e.getValue()));
            }
            sorted.sort((a, b) -> a.getKey().compareTo(b.getKey()));
            entries = sorted.iterator();
        }
        return new Members(m, entries);
    }

    static OpenContainer of(Record r) {
        return new Components(r, Components.COMPONENTS.get(r.getClass()));
    }

    /** Collections and arrays. */
    static class Elements extends OpenContainer {
        private final Iterator<?> it;

        Elements(Object container, Iterator<?> it) {
            super(container);
            this.it = it;
        }

        @Override
        boolean isObject() {
            return false;
        }

        @Override
        boolean hasNext() {
            return it.hasNext();
        }

        @Override
        @Nullable Object next() {
            index++;
            return it.next();
        }
    }

    /** Maps. */
    static final class Members extends OpenContainer {
        private final Iterator<? extends Map.Entry<?, ?>> it;
        private String key = "";

        Members(Object container, Iterator<? extends Map.Entry<?, ?>> it) {
            super(container);
            this.it = it;
        }

        @Override
        boolean isObject() {
            return true;
        }

        @Override
        boolean hasNext() {
            return it.hasNext();
        }

        @Override
        @Nullable Object next() {
            Map.Entry<?, ?> e = it.next();
            key = Keys.of(e.getKey());
            index++;
            return e.getValue();
        }

        @Override
        String key() {
            return key;
        }
    }

    /** Parsed objects, walked by position: no iterator, no entry objects. */
    static final class ParsedMembers extends OpenContainer {
        private ParsedObject map;

        ParsedMembers(ParsedObject map) {
            super(map);
            this.map = map;
        }

        @Override
        void reset(Object container) {
            super.reset(container);
            this.map = (ParsedObject) container;
        }

        @Override
        boolean isObject() {
            return true;
        }

        @Override
        boolean hasNext() {
            return index + 1 < map.size();
        }

        @Override
        @Nullable Object next() {
            return map.valueAt(++index);
        }

        @Override
        String key() {
            return map.keyAt(index);
        }
    }

    /** Array lists (what parsing gives), walked by index without an iterator. */
    static final class Indexed extends OpenContainer {
        private ArrayList<?> list;

        Indexed(ArrayList<?> list) {
            super(list);
            this.list = list;
        }

        @Override
        void reset(Object container) {
            super.reset(container);
            this.list = (ArrayList<?>) container;
        }

        @Override
        boolean isObject() {
            return false;
        }

        @Override
        boolean hasNext() {
            return index + 1 < list.size();
        }

        @Override
        @Nullable Object next() {
            return list.get(++index);
        }
    }

    /** Records: their components in declaration order, read through the accessors. */
    static final class Components extends OpenContainer {
        static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
            @Override
            protected RecordComponent[] computeValue(Class<?> type) {
                RecordComponent[] rcs = type.getRecordComponents();
                for (RecordComponent rc : rcs) {
                    rc.getAccessor().trySetAccessible();
                }
                return rcs;
            }
        };

        private final RecordComponent[] components;

        Components(Record r, RecordComponent[] components) {
            super(r);
            this.components = components;
        }

        @Override
        boolean isObject() {
            return true;
        }

        @Override
        boolean hasNext() {
            return index + 1 < components.length;
        }

        @Override
        @Nullable Object next() {
            Method accessor = components[++index].getAccessor();
            try {
                return accessor.invoke(container);
            } catch (IllegalAccessException e) {
                throw new WriteFailure("ERR_JSON_STRINGIFY", "cannot read record component " + key() + " of "
                        + container.getClass().getName() + ": " + e.getMessage());
            } catch (InvocationTargetException e) {
                throw new WriteFailure("ERR_JSON_STRINGIFY", "record accessor " + key() + " threw " + e.getCause());
            }
        }

        @Override
        String key() {
            return components[index].getName();
        }
    }
}
