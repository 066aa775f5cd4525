package dev.stardust.fs;

/**
 * One change seen by an {@link FsWatcher}, node's {@code (eventType, filename)}: {@code eventType} is
 * {@code "rename"} when an entry appeared or disappeared and {@code "change"} when its content changed;
 * {@code filename} is relative to the watched directory.
 *
 * @param eventType {@code "rename"} or {@code "change"}
 * @param filename the entry's name inside the watched directory
 */
public record FsEvent(String eventType, String filename) {
}
