/**
 * UDP, node's {@code dgram} module: {@link dev.stardust.dgram.Dgram#createSocket(String)} makes a
 * {@link dev.stardust.dgram.DgramSocket} that binds, sends datagrams and emits each one it receives as a
 * {@code message} event. Everything here runs on a loop thread.
 */
@NullMarked
package dev.stardust.dgram;

import org.jspecify.annotations.NullMarked;
