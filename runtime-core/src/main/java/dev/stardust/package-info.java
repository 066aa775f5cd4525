/**
 * Stardust's core: the single-threaded {@link dev.stardust.Loop}, timers, {@link dev.stardust.EventEmitter}
 * and the one-shot {@link dev.stardust.Promise}. Everything here runs on a loop thread unless it says otherwise.
 *
 * <p>One completion rule holds in every Stardust module. A one-shot operation on something that exists
 * ({@code listen}, {@code bind}, {@code close}, {@code lookup}, {@code readFile}, ...) returns a {@code Promise} and
 * takes no callback; its failure fails the promise and is reported nowhere else, and a failed promise nobody handles
 * reaches the loop's uncaught-exception handler. A factory ({@code Net.connect}, {@code Http.request},
 * {@code Timers.setTimeout}) returns the handle it makes, which reports what follows as events; it may take the
 * listener of the handle's main event, as node does. Recurring things are events, and {@code close()} returns a
 * {@code Promise<Void>} on every handle that has one. Listeners are {@code Consumer}s of the event's value; typed
 * helpers such as {@code onData} and {@code onClose} cover the common events.
 */
@NullMarked
package dev.stardust;

import org.jspecify.annotations.NullMarked;
