package dev.stardust.stream;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a byte stream chunk by chunk into Strings, as node's {@code string_decoder} behind {@code setEncoding}: the
 * bytes of a character split across chunks wait for the next chunk, and malformed input becomes U+FFFD.
 */
final class StringDecoder {
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final CharsetDecoder decoder;
    /** Bytes of a character split across chunks; shared empty until the decoder leaves some. */
    private ByteBuffer pendingBytes = NO_BYTES;

    StringDecoder(Charset charset) {
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    /** The characters {@code input} completes, keeping the bytes of a character it leaves unfinished. */
    String write(ByteBuffer input) {
        return decode(input, false);
    }

    /** What the bytes still waiting decode to at the end of the stream; empty when none wait. */
    String end() {
        return pendingBytes.hasRemaining() ? decode(NO_BYTES.duplicate(), true) : "";
    }

    private String decode(ByteBuffer input, boolean endOfInput) {
        ByteBuffer in = input;
        if (pendingBytes.hasRemaining()) {
            in = ByteBuffer.allocate(pendingBytes.remaining() + input.remaining()).put(pendingBytes).put(input).flip();
        }
        CharBuffer out = CharBuffer.allocate((int) (in.remaining() * (double) decoder.maxCharsPerByte()) + 4);
        decoder.decode(in, out, endOfInput);
        pendingBytes = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : NO_BYTES;
        return out.flip().toString();
    }
}
