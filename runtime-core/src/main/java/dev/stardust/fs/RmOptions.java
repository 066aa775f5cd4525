package dev.stardust.fs;

/**
 * Options of {@link Fs#rm(String, RmOptions)}, node's {@code {recursive, force}}: immutable, each {@code withX}
 * returns a copy. By default neither: a directory fails with {@code EISDIR}, a missing path with {@code ENOENT}.
 */
public final class RmOptions {
    private static final RmOptions DEFAULTS = new RmOptions(false, false);

    private final boolean recursive;
    private final boolean force;

    private RmOptions(boolean recursive, boolean force) {
        this.recursive = recursive;
        this.force = force;
    }

    /** Neither recursive nor forced. */
    public static RmOptions defaults() {
        return DEFAULTS;
    }

    /** Whether directories are removed with everything in them. */
    public boolean recursive() {
        return recursive;
    }

    /** Options that remove directories and their contents ({@code recursive: true}). */
    public RmOptions withRecursive(boolean recursive) {
        return new RmOptions(recursive, force);
    }

    /** Whether a missing path is ignored. */
    public boolean force() {
        return force;
    }

    /** Options that ignore a missing path ({@code force: true}). */
    public RmOptions withForce(boolean force) {
        return new RmOptions(recursive, force);
    }
}
