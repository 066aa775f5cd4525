package dev.stardust.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsTest {
    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    /** Runs {@code operation} on a loop and returns its value, failing the test on error. */
    private static <T> T await(Supplier<Promise<T>> operation) {
        AtomicReference<@Nullable Object> out = new AtomicReference<>();
        LoopTester.run(t -> operation.get().onComplete(t.expect((v, e) -> out.set(e != null ? e : v))));
        Object value = out.get();
        if (value instanceof Throwable error) {
            throw new AssertionError("operation failed", error);
        }
        @SuppressWarnings("unchecked")
        T result = (T) value;
        return result;
    }

    /** Runs {@code operation} on a loop and returns the error it fails with. */
    private static StardustException failure(Supplier<Promise<?>> operation) {
        AtomicReference<@Nullable Throwable> out = new AtomicReference<>();
        LoopTester.run(t -> operation.get().onComplete(t.expect((v, e) -> out.set(e))));
        return assertInstanceOf(StardustException.class, out.get());
    }

    @Test
    void writesReadsAndAppendsWholeFiles() {
        await(() -> Fs.writeFile(p("a.txt"), "hello"));
        await(() -> Fs.appendFile(p("a.txt"), ", world"));
        assertEquals("hello, world", await(() -> Fs.readFile(p("a.txt"), StandardCharsets.UTF_8)));
        assertEquals(12, await(() -> Fs.stat(p("a.txt"))).size());
    }

    @Test
    void errorsCarryNodeCodesAndMessages() {
        String missing = p("missing");
        StardustException e = failure(() -> Fs.readFile(missing));
        assertEquals("ENOENT", e.code());
        assertEquals("ENOENT: no such file or directory, open '" + missing + "'", e.getMessage());
        assertEquals("EISDIR", failure(() -> Fs.readFile(dir.toString())).code());
        assertEquals("EEXIST", failure(() -> Fs.mkdir(dir.toString())).code());
        await(() -> Fs.writeFile(p("f"), "x"));
        assertEquals("ENOTDIR", failure(() -> Fs.readdir(p("f"))).code());
        assertEquals("ENOTDIR", failure(() -> Fs.stat(p("f") + "/child")).code());
        await(() -> Fs.mkdir(p("d")));
        await(() -> Fs.writeFile(p("d/x"), "x"));
        assertEquals("ENOTEMPTY", failure(() -> Fs.rmdir(p("d"))).code());
        assertEquals("EISDIR", failure(() -> Fs.rm(p("d"))).code());
        assertEquals("EEXIST", failure(() -> Fs.open(p("f"), "wx")).code());
        assertEquals("ENOENT", failure(() -> Fs.access(missing)).code());
    }

    @Test
    void permissionDeniedIsEacces() throws Exception {
        // Execute permission is denied to root too when no execute bit is set, so this holds for every user.
        await(() -> Fs.writeFile(p("secret"), "x"));
        await(() -> Fs.chmod(p("secret"), 0644));
        assertEquals("EACCES", failure(() -> Fs.access(p("secret"), Fs.X_OK)).code());
        await(() -> Fs.chmod(p("secret"), 0755));
        await(() -> Fs.access(p("secret"), Fs.X_OK));
    }

    @Test
    void chmodAndStatAgreeOnModeBits() {
        await(() -> Fs.writeFile(p("m"), "x"));
        await(() -> Fs.chmod(p("m"), 0640));
        Stats s = await(() -> Fs.stat(p("m")));
        assertEquals(0640, s.mode() & 0777);
        assertTrue(s.isFile());
        assertFalse(s.isDirectory());
    }

    @Test
    void directoriesLinksRenameAndRemove() {
        await(() -> Fs.mkdir(p("a/b/c"), true));
        await(() -> Fs.mkdir(p("a/b/c"), true));
        await(() -> Fs.writeFile(p("a/b/c/file"), "data"));
        await(() -> Fs.writeFile(p("a/z"), "z"));
        assertEquals(List.of("b", "z"), await(() -> Fs.readdir(p("a"))));
        await(() -> Fs.symlink(p("a/z"), p("link")));
        assertEquals(p("a/z"), await(() -> Fs.readlink(p("link"))));
        assertTrue(await(() -> Fs.lstat(p("link"))).isSymbolicLink());
        assertTrue(await(() -> Fs.stat(p("link"))).isFile());
        assertEquals(dir.resolve("a/z").toAbsolutePath().toString(), await(() -> Fs.realpath(p("link"))));
        await(() -> Fs.rename(p("a/z"), p("a/y")));
        assertEquals("z", await(() -> Fs.readFile(p("a/y"), StandardCharsets.UTF_8)));
        await(() -> Fs.unlink(p("link")));
        await(() -> Fs.rm(p("a"), RmOptions.defaults().withRecursive(true)));
        await(() -> Fs.rm(p("a"), RmOptions.defaults().withForce(true)));
        assertFalse(Files.exists(dir.resolve("a")));
        String tmp = await(() -> Fs.mkdtemp(p("tmp-")));
        assertTrue(Files.isDirectory(Path.of(tmp)));
        assertTrue(Path.of(tmp).getFileName().toString().startsWith("tmp-"));
    }

    @Test
    void fileHandlesReadAndWriteByPosition() {
        String file = p("h");
        String got = await(() -> Fs.open(file, "w+").flatMap(h -> h.write(Buffer.from("0123456789"), 0)
                .flatMap(n -> h.read(3, 4))
                .flatMap(chunk -> h.close().map(v -> chunk.toString()))));
        assertEquals("3456", got);
        Buffer eof = await(() -> Fs.open(file).flatMap(h -> h.read(100, 4).flatMap(b -> h.close().map(v -> b))));
        assertTrue(eof.isEmpty());
        assertEquals("EBADF", failure(() -> Fs.open(file).flatMap(h -> h.close().flatMap(v -> h.read(0, 1))))
                .code());
    }

    @Test
    void accessChecksModes() throws Exception {
        await(() -> Fs.writeFile(p("x"), "#!/bin/sh\n"));
        await(() -> Fs.access(p("x"), Fs.R_OK | Fs.W_OK));
        assertNotNull(failure(() -> Fs.access(p("nope"), Fs.R_OK)));
    }
}
