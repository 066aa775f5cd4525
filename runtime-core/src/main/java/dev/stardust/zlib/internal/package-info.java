/** The compressors and decompressors behind {@link dev.stardust.zlib.Zlib}, on the JDK's Deflater and Inflater. */
@NullMarked
package dev.stardust.zlib.internal;

import org.jspecify.annotations.NullMarked;
