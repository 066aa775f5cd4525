package dev.stardust.json.internal;

/**
 * The object that stands for JSON {@code null} where Java's {@code null} already means something else (the end of a
 * parse stream); public as {@code Json.NULL}, defined here so that the implementation depends on nothing public.
 */
public final class NullValue {
    /** The one instance. */
    public static final Object INSTANCE = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private NullValue() {
    }
}
