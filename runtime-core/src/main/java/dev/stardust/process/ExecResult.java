package dev.stardust.process;

/**
 * What {@link ChildProcess#exec} and {@link ChildProcess#execFile} collected: the child's output decoded as
 * UTF-8 and how it ended (node's {@code (error, stdout, stderr)}, where a non-zero exit is not a failure here:
 * check {@link #status()}).
 *
 * @param stdout everything the child wrote to its standard output
 * @param stderr everything the child wrote to its standard error
 * @param status the exit code or signal
 */
public record ExecResult(String stdout, String stderr, ExitStatus status) {

    /** The exit code, or -1 when a signal ended the child. */
    public int code() {
        return status.code().orElse(-1);
    }
}
