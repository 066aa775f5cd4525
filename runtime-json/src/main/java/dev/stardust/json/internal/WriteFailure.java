package dev.stardust.json.internal;

/** A stringify failure before its path is known; {@link ValueWriter} turns it into a {@code JsonException}. */
final class WriteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String code;

    WriteFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
