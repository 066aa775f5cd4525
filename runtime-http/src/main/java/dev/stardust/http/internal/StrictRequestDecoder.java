package dev.stardust.http.internal;

import dev.stardust.StardustException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Netty's request decoder plus the two refusals it lacks: obs-fold (a header line starting with a space or tab,
 * which Netty silently joins to the previous one) and a request line of fewer than three parts (which Netty silently
 * skips, leaving the client waiting). It watches the bytes Netty consumes while reading a head, so each byte is
 * looked at once; on either fault it emits a failed request, as Netty does for its own faults, with llhttp's code
 * ({@code HPE_INVALID_HEADER_TOKEN}, {@code HPE_INVALID_METHOD}), and drops the rest.
 *
 * <p>It also stops at an upgrade: a bodiless request with {@code Connection: upgrade} and an {@code Upgrade} header,
 * while the server has an {@code upgrade} listener, is the last thing decoded. The bytes after its head stay in the
 * cumulation, and reach the next handler when this decoder is removed (Netty's {@code handlerRemoved}), so the
 * upgraded socket receives them first.
 *
 * <p>It holds back the next request while {@code holdNext} says so (a response cannot be written, or a pipelined
 * request already waits): the bytes stay as they came, a few dozen per request, instead of becoming request objects
 * and responses that nobody reads. The connection calls {@link #resume} to decode what was held.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    private boolean inHead = true;
    private boolean failed;
    private boolean lineStart = true;
    private boolean firstLine = true;
    private boolean inPart;
    private int parts;
    private int lineLength;
    private final BooleanSupplier upgradeWanted;
    private final BooleanSupplier holdNext;
    private @Nullable HttpRequest upgrade;
    private boolean holding;

    StrictRequestDecoder(HttpDecoderConfig config, BooleanSupplier upgradeWanted, BooleanSupplier holdNext) {
        super(config);
        this.upgradeWanted = upgradeWanted;
        this.holdNext = holdNext;
    }

    /** Whether bytes of a next request wait, undecoded, for {@link #resume}. */
    boolean holding() {
        return holding;
    }

    /** Decodes what was held back, through {@code ctx} (this decoder's context), as if it had just been read. */
    void resume(ChannelHandlerContext ctx) throws Exception {
        if (holding) {
            holding = false;
            channelRead(ctx, Unpooled.EMPTY_BUFFER);
            channelReadComplete(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (holding) {
            // Netty's decoder would ask for more input here, having decoded nothing: that is what holding refuses.
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    /** The upgrade request this decoder stopped at, if any. */
    @Nullable HttpRequest upgrade() {
        return upgrade;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (failed) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (upgrade != null) {
            // The rest belongs to the new protocol: leave it for whoever takes the connection over.
            return;
        }
        if (inHead && lineStart && firstLine && lineLength == 0 && holdNext.getAsBoolean()) {
            // Between requests: leave the next one as bytes until the connection can take it.
            holding = buffer.isReadable();
            return;
        }
        int before = buffer.readerIndex();
        int already = out.size();
        boolean scanning = inHead;
        super.decode(ctx, buffer, out);
        if (scanning) {
            String problem = scan(buffer, before, buffer.readerIndex());
            if (problem != null) {
                fail(buffer, out, already, problem);
                return;
            }
        }
        for (int i = already; i < out.size(); i++) {
            Object msg = out.get(i);
            if (msg instanceof HttpMessage) {
                inHead = false;
                // The cheap question first: most servers have no upgrade listener, and then no header is looked up.
                if (msg instanceof HttpRequest request && upgradeWanted.getAsBoolean()
                        && !request.decoderResult().isFailure() && isUpgrade(request)
                        && !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0) {
                    // Netty emits a bodiless request with its empty last content in this same call, then returns.
                    upgrade = request;
                }
            }
            if (msg instanceof LastHttpContent) {
                inHead = true;
                lineStart = true;
                firstLine = true;
                inPart = false;
                parts = 0;
                lineLength = 0;
            }
        }
    }

    /** node's {@code req.upgrade}: {@code Connection: upgrade} plus an {@code Upgrade} header, CONNECT aside. */
    static boolean isUpgrade(HttpRequest request) {
        return request.method() != HttpMethod.CONNECT && request.headers().contains(HttpHeaderNames.UPGRADE)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    private @Nullable String scan(ByteBuf buffer, int from, int to) {
        if (to > from) {
            // forEachByte walks the bytes without a bounds check per byte, unlike getByte in a loop.
            buffer.forEachByte(from, to - from, headScanner);
        }
        return fault;
    }

    private @Nullable String fault;
    private String faultText = "";

    /**
     * The scanner's state machine over head bytes; stops at the first fault, which {@link #fault} names. Past the
     * request line it only looks for a line feed and at the byte after it.
     */
    private final ByteProcessor headScanner = b -> {
        if (!firstLine) {
            if (b == '\n') {
                lineStart = true;
            } else if (lineStart && b != '\r') {
                lineStart = false;
                if (b == ' ' || b == '\t') {
                    fault = "HPE_INVALID_HEADER_TOKEN";
                    faultText = "Unexpected whitespace after header value";
                    return false;
                }
            }
            return true;
        }
        if (b == '\n') {
            if (lineLength > 0) {
                if (parts < 3) {
                    fault = "HPE_INVALID_METHOD";
                    faultText = "Invalid method encountered";
                    return false;
                }
                firstLine = false;
            }
            lineStart = true;
            lineLength = 0;
            inPart = false;
            return true;
        }
        if (b == '\r') {
            return true;
        }
        lineStart = false;
        lineLength++;
        if (b == ' ') {
            inPart = false;
        } else if (!inPart) {
            inPart = true;
            parts++;
        }
        return true;
    };

    /** Emits a failed request whose cause carries llhttp's {@code code} for the fault (see {@link RequestChecks}). */
    private void fail(ByteBuf buffer, List<Object> out, int already, String code) {
        failed = true;
        while (out.size() > already) {
            ReferenceCountUtil.release(out.remove(out.size() - 1));
        }
        buffer.skipBytes(buffer.readableBytes());
        DefaultFullHttpRequest bad = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request",
                Unpooled.EMPTY_BUFFER);
        bad.setDecoderResult(DecoderResult.failure(new StardustException(code, "Parse Error: " + faultText)));
        out.add(bad);
    }
}
