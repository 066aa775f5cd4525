/** SSL contexts, the socket layer, trust checks and error codes behind {@link dev.stardust.tls.Tls}. */
@NullMarked
package dev.stardust.tls.internal;

import org.jspecify.annotations.NullMarked;
