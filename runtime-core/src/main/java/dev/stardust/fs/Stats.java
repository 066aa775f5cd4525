package dev.stardust.fs;

import java.time.Instant;

/**
 * node's {@code fs.Stats}: what {@link Fs#stat} and {@link Fs#lstat} report about a file. Immutable. On systems
 * without POSIX attributes, {@link #mode()}, {@link #uid()}, {@link #gid()}, {@link #ino()} and {@link #nlink()}
 * are 0.
 */
public final class Stats {
    private final long size;
    private final int mode;
    private final int uid;
    private final int gid;
    private final long ino;
    private final int nlink;
    private final Kind kind;
    private final Instant atime;
    private final Instant mtime;
    private final Instant ctime;
    private final Instant birthtime;

    /** What kind of file a {@link Stats} describes. */
    public enum Kind {
        /** A regular file. */
        FILE,
        /** A directory. */
        DIRECTORY,
        /** A symbolic link (only from {@link Fs#lstat}). */
        SYMBOLIC_LINK,
        /** Anything else: a device, a FIFO, a socket. */
        OTHER
    }

    /** Stats with the given figures; for implementations and tests. */
    public Stats(Kind kind, long size, int mode, int uid, int gid, long ino, int nlink, Instant atime,
            Instant mtime, Instant ctime, Instant birthtime) {
        this.kind = kind;
        this.size = size;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.ino = ino;
        this.nlink = nlink;
        this.atime = atime;
        this.mtime = mtime;
        this.ctime = ctime;
        this.birthtime = birthtime;
    }

    /** The size in bytes (node's {@code stats.size}). */
    public long size() {
        return size;
    }

    /** The file type and permission bits, e.g. {@code 0100644} (node's {@code stats.mode}). */
    public int mode() {
        return mode;
    }

    /** The owner's user id (node's {@code stats.uid}). */
    public int uid() {
        return uid;
    }

    /** The owner's group id (node's {@code stats.gid}). */
    public int gid() {
        return gid;
    }

    /** The inode number (node's {@code stats.ino}). */
    public long ino() {
        return ino;
    }

    /** The number of hard links (node's {@code stats.nlink}). */
    public int nlink() {
        return nlink;
    }

    /** The kind of file. */
    public Kind kind() {
        return kind;
    }

    /** Whether this is a regular file (node's {@code stats.isFile()}). */
    public boolean isFile() {
        return kind == Kind.FILE;
    }

    /** Whether this is a directory (node's {@code stats.isDirectory()}). */
    public boolean isDirectory() {
        return kind == Kind.DIRECTORY;
    }

    /** Whether this is a symbolic link, as only {@link Fs#lstat} reports (node's {@code isSymbolicLink()}). */
    public boolean isSymbolicLink() {
        return kind == Kind.SYMBOLIC_LINK;
    }

    /** The last access time (node's {@code stats.atime}). */
    public Instant atime() {
        return atime;
    }

    /** The last modification time (node's {@code stats.mtime}). */
    public Instant mtime() {
        return mtime;
    }

    /** The last status change time (node's {@code stats.ctime}). */
    public Instant ctime() {
        return ctime;
    }

    /** The creation time where the file system records it, else the modification time (node's {@code birthtime}). */
    public Instant birthtime() {
        return birthtime;
    }

    @Override
    public String toString() {
        return "Stats[" + kind + ", size=" + size + ", mode=0" + Integer.toOctalString(mode) + ", mtime=" + mtime + "]";
    }
}
