package dev.stardust.crypto.internal;

import dev.stardust.StardustException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cipher by node's name: the JDK's algorithm and mode, the key length, and the IV length node requires.
 *
 * @param name node's name, e.g. {@code aes-256-gcm}
 * @param jdkAlgorithm the JDK key algorithm ({@code AES}, {@code ChaCha20})
 * @param mode how it is driven
 * @param keyLength the key length in bytes
 * @param ivLength the IV length in bytes; -1 when any non-empty IV goes (GCM), 0 when there is none (ECB)
 */
public record CipherSpec(String name, String jdkAlgorithm, Mode mode, int keyLength, int ivLength) {
    /** The ways a cipher is driven. */
    public enum Mode {
        /** A block mode with PKCS#7 padding unless turned off: {@code AES/CBC}, {@code AES/ECB}. */
        CBC, ECB,
        /** A stream mode, no padding: {@code AES/CTR}. */
        CTR,
        /** Authenticated: {@code AES/GCM}. */
        GCM,
        /** Authenticated: {@code ChaCha20-Poly1305}. */
        CHACHA20_POLY1305;

        /** Whether the mode authenticates (has a tag and AAD). */
        public boolean authenticated() {
            return this == GCM || this == CHACHA20_POLY1305;
        }
    }

    private static final Map<String, CipherSpec> BY_NAME = new LinkedHashMap<>();

    static {
        for (int bits : new int[] {128, 192, 256}) {
            int key = bits / 8;
            put(new CipherSpec("aes-" + bits + "-cbc", "AES", Mode.CBC, key, 16));
            put(new CipherSpec("aes-" + bits + "-ctr", "AES", Mode.CTR, key, 16));
            put(new CipherSpec("aes-" + bits + "-ecb", "AES", Mode.ECB, key, 0));
            put(new CipherSpec("aes-" + bits + "-gcm", "AES", Mode.GCM, key, -1));
        }
        put(new CipherSpec("chacha20-poly1305", "ChaCha20", Mode.CHACHA20_POLY1305, 32, 12));
    }

    private static void put(CipherSpec spec) {
        BY_NAME.put(spec.name(), spec);
    }

    /** The cipher node calls {@code name}, else node's {@code ERR_CRYPTO_UNKNOWN_CIPHER}. */
    public static CipherSpec of(String name) {
        CipherSpec spec = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw new StardustException("ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher: " + name);
        }
        return spec;
    }

    /** node's names of every cipher here, sorted (a subset of node's {@code crypto.getCiphers()}). */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    /** The JDK transformation for this cipher, with or without PKCS#7 padding where the mode has it. */
    String transformation(boolean padding) {
        return switch (mode) {
            case CBC -> padding ? "AES/CBC/PKCS5Padding" : "AES/CBC/NoPadding";
            case ECB -> padding ? "AES/ECB/PKCS5Padding" : "AES/ECB/NoPadding";
            case CTR -> "AES/CTR/NoPadding";
            case GCM -> "AES/GCM/NoPadding";
            case CHACHA20_POLY1305 -> "ChaCha20-Poly1305";
        };
    }
}
