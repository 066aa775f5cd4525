/**
 * node's {@code http} module: {@link dev.stardust.http.Http#createServer} for servers and {@link dev.stardust.http.Http#request}
 * for clients, HTTP/1.1 and 1.0 over the Stardust loop. Every callback runs on the loop thread.
 */
@NullMarked
package dev.stardust.http;

import org.jspecify.annotations.NullMarked;
