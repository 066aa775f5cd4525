/**
 * node's {@code tls}: TLS servers and clients whose sockets are {@link dev.stardust.net.Socket}s, secure by
 * default (chain and host name verified, TLS 1.2 and 1.3 only), on the JDK's engine or OpenSSL when it loads.
 */
@NullMarked
package dev.stardust.tls;

import org.jspecify.annotations.NullMarked;
