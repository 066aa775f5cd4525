package dev.stardust.dns.resolver.internal;

/**
 * One answer record, decoded into Java values and detached from the packet's buffer so that nothing
 * reference-counted outlives the handler that read it.
 *
 * @param type the record type's number
 * @param ttl seconds it may be cached
 * @param data the decoded data: a {@code String} (addresses, names), a {@code List<String>} (TXT) or one of the
 *     public record types; {@link #text} is the presentation form
 * @param text the data as {@code dig} prints it
 */
public record ResourceRecord(int type, long ttl, Object data, String text) {

    public ResourceRecord withTtl(long newTtl) {
        return new ResourceRecord(type, newTtl, data, text);
    }
}
