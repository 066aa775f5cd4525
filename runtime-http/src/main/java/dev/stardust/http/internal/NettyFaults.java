package dev.stardust.http.internal;

import java.util.Locale;

/** node's llhttp codes for the faults Netty's HTTP decoders report; shared by the server and the client. */
final class NettyFaults {
    private NettyFaults() {
    }

    /**
     * llhttp's code for the fault Netty's decoder describes in {@code message}: Netty names its faults only in
     * words, so they are matched here ({@code RequestCodesTest} and {@code HttpClientTest} notice when a Netty
     * upgrade rewords one).
     */
    static String code(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("content-length")) {
            if (lower.contains("transfer-encoding")) {
                return "HPE_INVALID_TRANSFER_ENCODING";
            }
            return lower.contains("multiple") ? "HPE_UNEXPECTED_CONTENT_LENGTH" : "HPE_INVALID_CONTENT_LENGTH";
        }
        if (lower.contains("transfer-encoding") || lower.contains("encoding")) {
            return "HPE_INVALID_TRANSFER_ENCODING";
        }
        if (lower.contains("header")) {
            return "HPE_INVALID_HEADER_TOKEN";
        }
        if (lower.contains("version")) {
            return "HPE_INVALID_VERSION";
        }
        return "HPE_INVALID_CONSTANT";
    }
}
