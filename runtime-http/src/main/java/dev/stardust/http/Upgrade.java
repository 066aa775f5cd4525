package dev.stardust.http;

import dev.stardust.net.Socket;

/**
 * What an {@link HttpServer}'s {@code upgrade} event carries, node's {@code (req, socket, head)}: the request, already
 * complete and ended (an upgrade request has no body), and the connection as a plain TCP {@link Socket} that no HTTP
 * handler reads or writes any more. Instead of node's separate {@code head} buffer, the bytes the client sent after
 * the request's head are the socket's first {@code data}, before anything read later.
 *
 * @param request the upgrade request (node's {@code req})
 * @param socket the connection, now the listener's to speak the new protocol on (node's {@code socket})
 */
public record Upgrade(IncomingMessage request, Socket socket) {
}
