package dev.stardust.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stardust.StardustException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.Errors.NativeIoException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The errno table: the number first when Netty's native transport gives one, then types, then the OS's text. */
class ErrnoTest {

    @Test
    void theNumberDecidesOverTheText() {
        assumeTrue(Epoll.isAvailable() || KQueue.isAvailable(), "needs a native transport for Netty's errno");
        // strerror's text for ENOTCONN matched nothing, so it used to be EIO; the number says what it is.
        assertEquals("ENOTCONN", Errno.codeOf(new NativeIoException("shutdown", Errors.ERRNO_ENOTCONN_NEGATIVE)));
        assertEquals("ECONNRESET", Errno.codeOf(new NativeIoException("read", Errors.ERRNO_ECONNRESET_NEGATIVE)));
    }

    @Test
    void theTableAgreesWithTheNumbersNettyReadsFromTheOs() {
        assumeTrue(Epoll.isAvailable() || KQueue.isAvailable(), "needs a native transport for Netty's errno");
        int[] numbers = {Errors.ERRNO_ENOENT_NEGATIVE, Errors.ERRNO_ENOTCONN_NEGATIVE, Errors.ERRNO_EBADF_NEGATIVE,
            Errors.ERRNO_EPIPE_NEGATIVE, Errors.ERRNO_ECONNRESET_NEGATIVE, Errors.ERRNO_EAGAIN_NEGATIVE,
            Errors.ERRNO_EINPROGRESS_NEGATIVE, Errors.ERROR_ECONNREFUSED_NEGATIVE, Errors.ERROR_EISCONN_NEGATIVE,
            Errors.ERROR_EALREADY_NEGATIVE, Errors.ERROR_ENETUNREACH_NEGATIVE, Errors.ERROR_EHOSTUNREACH_NEGATIVE};
        String[] codes = {"ENOENT", "ENOTCONN", "EBADF", "EPIPE", "ECONNRESET", "EAGAIN", "EINPROGRESS",
            "ECONNREFUSED", "EISCONN", "EALREADY", "ENETUNREACH", "EHOSTUNREACH"};
        for (int i = 0; i < numbers.length; i++) {
            assertEquals(codes[i], Errno.codeOf(new NativeIoException("op", numbers[i])), "errno " + -numbers[i]);
        }
    }

    @Test
    void withoutANumberTheTextThenTheTypeDecide() {
        assertEquals("ECONNRESET", Errno.codeOf(new IOException("Connection reset by peer")));
        assertEquals("ETIMEDOUT", Errno.codeOf(new ConnectException("Connection timed out")));
        assertEquals("ECONNREFUSED", Errno.codeOf(new ConnectException("connect failed")));
        assertEquals("EISDIR", Errno.codeOf(new FileSystemException("/x", null, "Is a directory")));
        assertEquals("EIO", Errno.codeOf(new IOException("something else")));
        assertEquals("EACCES", Errno.codeOf(new FileNotFoundException("/x (Permission denied)")));
        // Netty's native transports report a missing Unix socket file with no words at all.
        assertEquals("ENOENT", Errno.codeOf(new FileNotFoundException()));
    }

    @Test
    void networkAndFileErrorsReadAsNodes() {
        StardustException net = Errno.from(new ConnectException("Connection refused"), "connect", "127.0.0.1:80");
        assertEquals("ECONNREFUSED", net.code());
        assertEquals("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:80", net.getMessage());
        StardustException file = Errno.fileError(new NoSuchFileException("/nowhere/x"), "open", "/nowhere/x");
        assertEquals("ENOENT", file.code());
        assertEquals("ENOENT: no such file or directory, open '/nowhere/x'", file.getMessage());
    }
}
