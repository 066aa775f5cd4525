/** Implementation of {@code dev.stardust.dns.resolver} on Netty's DNS codec: not public API. */
@NullMarked
package dev.stardust.dns.resolver.internal;

import org.jspecify.annotations.NullMarked;
