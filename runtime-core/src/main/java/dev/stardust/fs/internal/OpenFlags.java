package dev.stardust.fs.internal;

import dev.stardust.StardustException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** node's open flags ({@code "r"}, {@code "w"}, {@code "wx"}, {@code "a+"}...) as the JDK's open options. */
public final class OpenFlags {
    private OpenFlags() {
    }

    /** The options for {@code flags}; fails with {@code ERR_INVALID_ARG_VALUE} for flags node does not know. */
    public static Set<OpenOption> parse(String flags) {
        StandardOpenOption read = StandardOpenOption.READ;
        StandardOpenOption write = StandardOpenOption.WRITE;
        StandardOpenOption create = StandardOpenOption.CREATE;
        StandardOpenOption createNew = StandardOpenOption.CREATE_NEW;
        StandardOpenOption truncate = StandardOpenOption.TRUNCATE_EXISTING;
        StandardOpenOption append = StandardOpenOption.APPEND;
        switch (flags) {
            case "r":
                return Set.of(read);
            case "r+":
            case "rs+":
                return Set.of(read, write);
            case "w":
                return Set.of(write, create, truncate);
            case "wx":
            case "xw":
                return Set.of(write, createNew);
            case "w+":
                return Set.of(read, write, create, truncate);
            case "wx+":
            case "xw+":
                return Set.of(read, write, createNew);
            case "a":
            case "as":
                return Set.of(write, create, append);
            case "ax":
            case "xa":
                return Set.of(write, createNew, append);
            case "a+":
            case "as+":
                // The JDK refuses READ with APPEND: writes through these flags go where the position says.
                return Set.of(read, write, create);
            case "ax+":
            case "xa+":
                return Set.of(read, write, createNew);
            default:
                throw new StardustException("ERR_INVALID_ARG_VALUE", "invalid open flags '" + flags + "'");
        }
    }
}
