package dev.stardust.http2.internal;

import dev.stardust.http2.Http2ServerOptions;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * Netty's HTTP/2 frame codec as Stardust configures it: the settings a server announces, and the defences against
 * the attacks HTTP/2 servers have met, each a bound on what one connection can make the server do.
 * <ul>
 *   <li>Rapid reset (CVE-2023-44487): more than {@value #MAX_RESETS} streams reset by the client within
 *       {@value #RESET_WINDOW_SECONDS} s ends the connection with {@code GOAWAY ENHANCE_YOUR_CALM}; the streams it
 *       may have open at once are bounded by {@code SETTINGS_MAX_CONCURRENT_STREAMS} (refused beyond).</li>
 *   <li>CONTINUATION flood (CVE-2024-27316 class): a header block is bounded by {@code SETTINGS_MAX_HEADER_LIST_SIZE}
 *       (past it the request gets 431, far past it the connection ends), and more than
 *       {@value #MAX_SMALL_CONTINUATIONS} tiny CONTINUATION frames in one block end the connection.</li>
 *   <li>SETTINGS and PING floods: their acknowledgements are control frames; more than
 *       {@value #MAX_QUEUED_CONTROL_FRAMES} waiting to be written (a peer that sends but does not read) end the
 *       connection, so they cannot fill memory.</li>
 *   <li>Empty DATA frames, which cost work and carry nothing: more than {@value #MAX_EMPTY_DATA} in a row end the
 *       connection.</li>
 *   <li>Zero-window stalls (a peer that never opens its window): a response held still longer than the server's
 *       {@code writeStallTimeout} is reset by {@link ServerStream}.</li>
 * </ul>
 */
final class Codecs {
    static final int MAX_RESETS = 200;
    static final int RESET_WINDOW_SECONDS = 30;
    static final int MAX_SMALL_CONTINUATIONS = 16;
    static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;
    static final int MAX_EMPTY_DATA = 2;

    private Codecs() {
    }

    static Http2FrameCodec server(Http2ServerOptions o) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(o.maxConcurrentStreams())
                .maxHeaderListSize(o.maxHeaderListSize())
                .headerTableSize(o.headerTableSize())
                .initialWindowSize(o.initialWindowSize());
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS)
                .decoderEnforceMaxSmallContinuationFrames(MAX_SMALL_CONTINUATIONS)
                .decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_EMPTY_DATA)
                .encoderEnforceMaxQueuedControlFrames(MAX_QUEUED_CONTROL_FRAMES)
                // A graceful close waits for the open streams, which their own deadlines bound.
                .gracefulShutdownTimeoutMillis(-1)
                .build();
    }

    /** A client's codec: no server push, the default window and table. */
    static Http2FrameCodec client() {
        return Http2FrameCodecBuilder.forClient()
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                .validateHeaders(true)
                .encoderEnforceMaxQueuedControlFrames(MAX_QUEUED_CONTROL_FRAMES)
                .decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_EMPTY_DATA)
                .build();
    }
}
