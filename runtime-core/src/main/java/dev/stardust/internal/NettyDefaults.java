package dev.stardust.internal;

/**
 * Netty system properties whose defaults Stardust changes, applied before the first loop touches Netty. A property
 * the user sets (on the command line or earlier in {@code main}) always wins.
 *
 * <ul>
 *   <li>{@code io.netty.jfr.enabled=false}: Netty 4.2's buffer allocators emit JDK Flight Recorder events when JFR
 *       is available, and the first allocation of a chunk loads and registers those event classes, which initialises
 *       JFR's metadata and generates handler classes: about 120 ms (more on a busy machine) added to the first
 *       request a fresh server answers, for events nobody records unless they start a recording. Set it to
 *       {@code true} to see Netty's allocation events in a recording.</li>
 * </ul>
 */
final class NettyDefaults {

    private NettyDefaults() {
    }

    /** Sets each default not set already; idempotent, any thread. Effective only before Netty reads it. */
    static void apply() {
        setIfAbsent("io.netty.jfr.enabled", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
