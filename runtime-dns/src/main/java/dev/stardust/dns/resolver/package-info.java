/**
 * A DNS resolver with node's {@code dns.Resolver} API: {@link dev.stardust.dns.resolver.Resolver} sends queries
 * itself (over UDP, then TCP when an answer is truncated) instead of asking the operating system, and reports
 * node's error codes. Everything here runs on a loop thread.
 */
@NullMarked
package dev.stardust.dns.resolver;

import org.jspecify.annotations.NullMarked;
