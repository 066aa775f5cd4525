package dev.stardust.dns.resolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.StardustException;
import dev.stardust.dns.resolver.CaaRecord;
import dev.stardust.dns.resolver.MxRecord;
import dev.stardust.dns.resolver.SoaRecord;
import dev.stardust.dns.resolver.SrvRecord;
import dev.stardust.testing.LeakCheckExtension;
import dev.stardust.testing.Mutations;
import dev.stardust.testing.Splits;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Properties of the resolver's reply decoding (issue 20): Netty's DNS decoders with {@link StrictRecordDecoder}, then
 * {@link Answers}, as {@code Query} stacks them. A generated reply (every record type the resolver decodes, names
 * compressed or not) read over TCP, fed whole, byte by byte and at generated cuts, and read as one UDP datagram, gives
 * the generated records; a mutated one gets one verdict everywhere (the same records, or {@code EBADRESP}) and no
 * exception but a {@link DecoderException} (which {@code Query} turns into {@code EBADRESP}) or {@code EBADRESP}.
 */
class DnsResponseProperties {
    static {
        LeakCheckExtension.install();
    }

    @AfterContainer
    static void noLeaks() {
        List<String> leaks = LeakCheckExtension.collectLeaks();
        assertEquals(List.of(), leaks, "Netty buffers leaked");
    }

    /** A reply as generated: its bytes and the records it holds. */
    record Reply(byte[] message, List<ResourceRecord> records) {
        @Override
        public String toString() {
            return records + " in " + HexFormat.of().formatHex(message);
        }
    }

    // Few tries: at paranoid leak detection each byte fed is a tracked buffer, about 50 ms a try on a loaded machine.
    @Property(tries = 60)
    void aValidReplyGivesItsRecordsForEverySplitAndOverUdp(@ForAll("replies") Reply reply,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        String verdict = Splits.assertSame(Splits.verdicts(framed(reply.message()), cuts, DnsResponseProperties::overTcp));
        assertEquals("rcode 0, tc false, example.com./" + 1 + ": " + reply.records(), verdict);
        assertEquals(verdict, overUdp(reply.message()));
    }

    @Property(tries = 120)
    void aMutatedReplyGetsOneVerdictForEverySplitAndOverUdp(@ForAll("replies") Reply reply, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int mutations,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        byte[] message = reply.message();
        Random r = new Random(seed);
        for (int i = 0; i < mutations; i++) {
            message = Mutations.mutate(message, r);
        }
        String verdict = Splits.assertSame(Splits.verdicts(framed(message), cuts, DnsResponseProperties::overTcp));
        assertEquals(verdict, overUdp(message));
    }

    /** The message with TCP's two-byte length in front (RFC 1035, 4.2.2). */
    private static byte[] framed(byte[] message) {
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >>> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }

    private static String overTcp(List<byte[]> pieces) {
        Capture capture = new Capture();
        EmbeddedChannel ch = new EmbeddedChannel(new TcpDnsResponseDecoder(new StrictRecordDecoder(), 65_535), capture);
        for (byte[] p : pieces) {
            ch.writeInbound(Unpooled.wrappedBuffer(p));
        }
        ch.finishAndReleaseAll();
        return capture.verdict();
    }

    private static String overUdp(byte[] message) {
        Capture capture = new Capture();
        EmbeddedChannel ch = new EmbeddedChannel(new DatagramDnsResponseDecoder(new StrictRecordDecoder()), capture);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 53);
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(message), new InetSocketAddress("127.0.0.1", 5353),
                server));
        ch.finishAndReleaseAll();
        return capture.verdict();
    }

    /** What {@code Query}'s response handler would see: each reply decoded, or the decoder's failure. */
    private static final class Capture extends ChannelInboundHandlerAdapter {
        private final List<String> events = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                DnsResponse response = (DnsResponse) msg;
                String head = "rcode " + response.code().intValue() + ", tc " + response.isTruncated() + ", "
                        + (response.count(DnsSection.QUESTION) == 1
                        ? response.recordAt(DnsSection.QUESTION).name() + "/" + response.recordAt(DnsSection.QUESTION)
                                .type().intValue() : response.count(DnsSection.QUESTION) + " questions");
                try {
                    events.add(head + ": " + Answers.decode(response, "queryAny", "example.com"));
                } catch (StardustException e) {
                    assertEquals("EBADRESP", e.code());
                    events.add(head + ": EBADRESP");
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof DecoderException)) {
                throw new AssertionError("the decoder failed with something but a DecoderException", cause);
            }
            events.add("EBADRESP (decoder)");
        }

        String verdict() {
            return String.join(" | ", events);
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<Reply> replies() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 6))
                .as((seed, count) -> reply(new Random(seed), count));
    }

    private static final String QNAME = "example.com";

    /** A NOERROR reply to example.com/A with {@code count} answers of random types. */
    static Reply reply(Random r, int count) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x12, 0x34, (byte) 0x81, (byte) 0x80, 0, 1, 0, (byte) count, 0, 0, 0, 0});
        writeName(m, QNAME);
        m.writeBytes(new byte[] {0, 1, 0, 1});
        List<ResourceRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // the owner name: a pointer to the question's name (offset 12), or written out
            if (r.nextBoolean()) {
                m.writeBytes(new byte[] {(byte) 0xc0, 12});
            } else {
                writeName(m, QNAME);
            }
            int[] types = {Answers.A, Answers.AAAA, Answers.CNAME, Answers.NS, Answers.PTR, Answers.MX, Answers.TXT,
                Answers.SRV, Answers.SOA, Answers.CAA, 65};
            int type = types[r.nextInt(types.length)];
            long ttl = r.nextInt(Integer.MAX_VALUE);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            ResourceRecord expected = switch (type) {
                case Answers.A, Answers.AAAA -> {
                    byte[] address = new byte[type == Answers.A ? 4 : 16];
                    r.nextBytes(address);
                    data.writeBytes(address);
                    String text = NetUtil.bytesToIpAddress(address);
                    yield new ResourceRecord(type, ttl, text, text);
                }
                case Answers.CNAME, Answers.NS, Answers.PTR -> {
                    String host = host(r);
                    writeNameOrPointer(data, host, r);
                    yield new ResourceRecord(type, ttl, host, host);
                }
                case Answers.MX -> {
                    int priority = r.nextInt(65_536);
                    String host = host(r);
                    writeShort(data, priority);
                    writeNameOrPointer(data, host, r);
                    yield new ResourceRecord(type, ttl, new MxRecord(priority, host), priority + " " + host);
                }
                case Answers.TXT -> {
                    List<String> chunks = new ArrayList<>();
                    StringBuilder text = new StringBuilder();
                    for (int c = 1 + r.nextInt(3); c > 0; c--) {
                        String chunk = word(r, r.nextInt(30));
                        data.write(chunk.length());
                        data.writeBytes(chunk.getBytes(StandardCharsets.US_ASCII));
                        chunks.add(chunk);
                        text.append(text.length() == 0 ? "" : " ").append('"').append(chunk).append('"');
                    }
                    yield new ResourceRecord(type, ttl, List.copyOf(chunks), text.toString());
                }
                case Answers.SRV -> {
                    int priority = r.nextInt(65_536);
                    int weight = r.nextInt(65_536);
                    int port = r.nextInt(65_536);
                    String host = host(r);
                    writeShort(data, priority);
                    writeShort(data, weight);
                    writeShort(data, port);
                    writeName(data, host); // RFC 2782: no compression in SRV targets
                    yield new ResourceRecord(type, ttl, new SrvRecord(priority, weight, port, host),
                            priority + " " + weight + " " + port + " " + host);
                }
                case Answers.SOA -> {
                    String ns = host(r);
                    String mbox = host(r);
                    writeNameOrPointer(data, ns, r);
                    writeNameOrPointer(data, mbox, r);
                    long[] numbers = new long[5];
                    for (int k = 0; k < 5; k++) {
                        numbers[k] = r.nextInt() & 0xffffffffL;
                        writeInt(data, numbers[k]);
                    }
                    SoaRecord soa = new SoaRecord(ns, mbox, numbers[0], numbers[1], numbers[2], numbers[3],
                            numbers[4]);
                    yield new ResourceRecord(type, ttl, soa, ns + " " + mbox + " " + numbers[0] + " " + numbers[1]
                            + " " + numbers[2] + " " + numbers[3] + " " + numbers[4]);
                }
                case Answers.CAA -> {
                    int flags = r.nextBoolean() ? 0 : 128;
                    String tag = new String[] {"issue", "issuewild", "iodef"}[r.nextInt(3)];
                    String value = word(r, r.nextInt(20));
                    data.write(flags);
                    data.write(tag.length());
                    data.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
                    data.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
                    yield new ResourceRecord(type, ttl, new CaaRecord(flags, tag, value),
                            flags + " " + tag + " \"" + value + "\"");
                }
                default -> {
                    byte[] raw = new byte[r.nextInt(12)];
                    r.nextBytes(raw);
                    data.writeBytes(raw);
                    String hex = HexFormat.of().formatHex(raw);
                    yield new ResourceRecord(type, ttl, hex, "\\# " + raw.length + " " + hex);
                }
            };
            writeShort(m, type);
            writeShort(m, 1);
            writeInt(m, ttl);
            writeShort(m, data.size());
            // a name pointer inside the data points into the whole packet: write the data where it will sit
            m.writeBytes(data.toByteArray());
            records.add(expected);
        }
        return new Reply(m.toByteArray(), List.copyOf(records));
    }

    private static String host(Random r) {
        return r.nextInt(4) == 0 ? QNAME : word(r, 1 + r.nextInt(10)) + "." + QNAME;
    }

    private static String word(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    /** {@code host}, its {@code example.com} suffix sometimes as a pointer to the question's name. */
    private static void writeNameOrPointer(ByteArrayOutputStream out, String host, Random r) {
        if (!host.endsWith(QNAME) || r.nextBoolean()) {
            writeName(out, host);
            return;
        }
        String prefix = host.substring(0, host.length() - QNAME.length());
        for (String label : prefix.split("\\.")) {
            if (!label.isEmpty()) {
                out.write(label.length());
                out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.writeBytes(new byte[] {(byte) 0xc0, 12});
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeInt(ByteArrayOutputStream out, long v) {
        writeShort(out, (int) (v >>> 16) & 0xffff);
        writeShort(out, (int) v & 0xffff);
    }
}
