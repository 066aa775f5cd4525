/**
 * JSON for Stardust: {@link dev.stardust.json.Json#parse(String)} and {@link dev.stardust.json.Json#stringify(Object)}
 * to and from plain Java values, strict by default, and {@link dev.stardust.json.JsonStreamParser} for values that
 * arrive in chunks. Built on jackson-core's streaming layer only.
 */
@NullMarked
package dev.stardust.json;

import org.jspecify.annotations.NullMarked;
