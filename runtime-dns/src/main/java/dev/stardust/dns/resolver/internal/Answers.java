package dev.stardust.dns.resolver.internal;

import dev.stardust.StardustException;
import dev.stardust.dns.resolver.CaaRecord;
import dev.stardust.dns.resolver.MxRecord;
import dev.stardust.dns.resolver.SoaRecord;
import dev.stardust.dns.resolver.SrvRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsPtrRecord;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.NetUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the answer section of a Netty {@link DnsResponse} into {@link ResourceRecord}s. Netty leaves most record
 * data raw; names inside it may be compressed, so they are read through Netty's name decoder over the whole packet.
 * Anything malformed (short data, bad pointers) becomes {@code EBADRESP}; the caller still owns and releases
 * the response.
 */
public final class Answers {
    public static final int A = 1;
    public static final int NS = 2;
    public static final int CNAME = 5;
    public static final int SOA = 6;
    public static final int PTR = 12;
    public static final int MX = 15;
    public static final int TXT = 16;
    public static final int AAAA = 28;
    public static final int SRV = 33;
    public static final int CAA = 257;

    private Answers() {
    }

    static List<ResourceRecord> decode(DnsResponse response, String syscall, String name) {
        int count = response.count(DnsSection.ANSWER);
        List<ResourceRecord> out = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
                out.add(decode(record));
            }
        } catch (RuntimeException e) {
            throw new StardustException("EBADRESP", syscall + " EBADRESP " + name + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static ResourceRecord decode(DnsRecord record) {
        int type = record.type().intValue();
        long ttl = record.timeToLive();
        if (record instanceof DnsPtrRecord ptr) {
            String host = trimDot(ptr.hostname());
            return new ResourceRecord(type, ttl, host, host);
        }
        if (!(record instanceof DnsRawRecord raw)) {
            return new ResourceRecord(type, ttl, "", "");
        }
        ByteBuf in = raw.content().duplicate();
        switch (type) {
            case A, AAAA -> {
                int size = type == A ? 4 : 16;
                if (in.readableBytes() != size) {
                    throw new IllegalArgumentException(record.type().name() + " data of " + in.readableBytes() + " bytes");
                }
                byte[] bytes = new byte[size];
                in.readBytes(bytes);
                String address = NetUtil.bytesToIpAddress(bytes);
                return new ResourceRecord(type, ttl, address, address);
            }
            case CNAME, NS, PTR -> {
                String host = name(in);
                return new ResourceRecord(type, ttl, host, host);
            }
            case MX -> {
                int priority = in.readUnsignedShort();
                String exchange = name(in);
                return new ResourceRecord(type, ttl, new MxRecord(priority, exchange), priority + " " + exchange);
            }
            case TXT -> {
                List<String> chunks = new ArrayList<>();
                StringBuilder text = new StringBuilder();
                while (in.isReadable()) {
                    int length = in.readUnsignedByte();
                    String chunk = in.readCharSequence(length, StandardCharsets.UTF_8).toString();
                    chunks.add(chunk);
                    text.append(text.length() == 0 ? "" : " ").append('"').append(chunk).append('"');
                }
                return new ResourceRecord(type, ttl, List.copyOf(chunks), text.toString());
            }
            case SRV -> {
                int priority = in.readUnsignedShort();
                int weight = in.readUnsignedShort();
                int port = in.readUnsignedShort();
                String target = name(in);
                return new ResourceRecord(type, ttl, new SrvRecord(priority, weight, port, target),
                        priority + " " + weight + " " + port + " " + target);
            }
            case SOA -> {
                SoaRecord soa = new SoaRecord(name(in), name(in), in.readUnsignedInt(), in.readUnsignedInt(),
                        in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
                return new ResourceRecord(type, ttl, soa, soa.nsname() + " " + soa.hostmaster() + " " + soa.serial()
                        + " " + soa.refresh() + " " + soa.retry() + " " + soa.expire() + " " + soa.minttl());
            }
            case CAA -> {
                int flags = in.readUnsignedByte();
                int tagLength = in.readUnsignedByte();
                String tag = in.readCharSequence(tagLength, StandardCharsets.US_ASCII).toString();
                String value = in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString();
                return new ResourceRecord(type, ttl, new CaaRecord(flags, tag, value),
                        flags + " " + tag + " \"" + value + "\"");
            }
            default -> {
                String hex = ByteBufUtil.hexDump(in);
                return new ResourceRecord(type, ttl, hex, "\\# " + in.readableBytes() + " " + hex);
            }
        }
    }

    /** The record type's name, e.g. {@code MX}, or {@code TYPE65} for one Netty does not know. */
    public static String typeName(int type) {
        String name = DnsRecordType.valueOf(type).name();
        return name.equals("UNKNOWN") ? "TYPE" + type : name;
    }

    private static String name(ByteBuf in) {
        return trimDot(DefaultDnsRecordDecoder.decodeName(in));
    }

    static String trimDot(String name) {
        return name.length() > 1 && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
