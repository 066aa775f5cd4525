package dev.stardust.dns.resolver.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordDecoder;

/**
 * Netty's record decoder, except that a packet holding fewer records than its header counts is an error: Netty's
 * own stops quietly at the end of the data, which would pass a short packet off as a complete answer.
 */
final class StrictRecordDecoder implements DnsRecordDecoder {

    @Override
    public DnsQuestion decodeQuestion(ByteBuf in) throws Exception {
        return DnsRecordDecoder.DEFAULT.decodeQuestion(in);
    }

    @Override
    public <T extends DnsRecord> T decodeRecord(ByteBuf in) throws Exception {
        T record = DnsRecordDecoder.DEFAULT.decodeRecord(in);
        if (record == null) {
            throw new CorruptedFrameException("the packet holds fewer records than its header counts");
        }
        return record;
    }
}
