package dev.stardust.dgram;

import dev.stardust.Buffer;
import dev.stardust.AddressInfo;

/**
 * One received datagram, the value of a socket's {@code message} event: node's {@code (msg, rinfo)} pair in one.
 *
 * @param data the whole payload, never truncated
 * @param sender where it came from (node's {@code rinfo})
 */
public record Datagram(Buffer data, AddressInfo sender) {

    /** The payload's size in bytes (node's {@code rinfo.size}). */
    public int size() {
        return data.length();
    }
}
