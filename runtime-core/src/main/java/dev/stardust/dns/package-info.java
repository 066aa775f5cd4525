/**
 * Name resolution the way the operating system does it, node's {@code dns.lookup} and {@code dns.lookupService}:
 * {@link dev.stardust.dns.Dns}.
 * The DNS protocol resolver ({@code dns.resolve*}) lives in module {@code runtime-dns}.
 */
@NullMarked
package dev.stardust.dns;

import org.jspecify.annotations.NullMarked;
