package dev.stardust.process;

/** What a child's standard stream is connected to, as node's {@code stdio} option. */
public enum Stdio {
    /** A pipe, exposed as a stream on the {@link ChildProcess} ({@code 'pipe'}). */
    PIPE,
    /** The parent's own stream ({@code 'inherit'}). */
    INHERIT,
    /** Nothing: input at end of file, output discarded ({@code 'ignore'}). */
    IGNORE
}
