package dev.stardust.websocket;

/**
 * What a {@link WebSocket}'s {@code close} event carries (node's {@code ws} {@code 'close'} event's
 * {@code (code, reason)}, plus the browser's {@code wasClean}): the status code the peer sent in its close frame,
 * {@code 1005} when its frame had none, {@code 1006} when the connection ended without a close frame from the peer.
 *
 * @param code the close status code
 * @param reason the peer's reason, possibly empty
 * @param wasClean whether both close frames were exchanged before the connection ended
 */
public record CloseEvent(int code, String reason, boolean wasClean) {
}
