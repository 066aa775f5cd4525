package dev.stardust.json.internal;

/** JSON path segments as in {@code $.a[3].b}, with {@code ["odd key"]} for keys that are not identifiers. */
final class Paths {
    private Paths() {}

    static void appendKey(StringBuilder sb, String key) {
        if (isIdentifier(key)) {
            sb.append('.').append(key);
        } else {
            sb.append("[\"");
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append("\"]");
        }
    }

    static String index(int i) {
        return "[" + i + "]";
    }

    static String key(String key) {
        StringBuilder sb = new StringBuilder();
        appendKey(sb, key);
        return sb.toString();
    }

    private static boolean isIdentifier(String key) {
        if (key.isEmpty() || !Character.isJavaIdentifierStart(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            if (!Character.isJavaIdentifierPart(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
