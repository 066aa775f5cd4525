package dev.stardust.http2.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.fs.Fs;
import dev.stardust.internal.Errno;

/**
 * {@code sendFile} on an HTTP/2 stream: the file's size as {@code content-length}, then its bytes read in chunks and
 * piped into the response, so the peer's flow-control window paces the reads and memory stays bounded. There is no
 * zero-copy path: HTTP/2 frames every byte. A missing file or a directory fails the promise before anything is sent.
 */
final class FileBody {
    private FileBody() {
    }

    static Promise<Void> send(StreamResponse response, String path) {
        if (response.headersSent() || response.writableEnded() || response.destroyed()) {
            return Promise.rejected(new StardustException("ERR_HTTP_HEADERS_SENT",
                    "Cannot send a file after the response has started"));
        }
        return Fs.stat(path).flatMap(stats -> Promise.<Void>create((resolve, reject) -> {
            if (stats.isDirectory()) {
                reject.accept(Errno.fileError("EISDIR", "read", path));
                return;
            }
            if (!response.hasHeader("content-length")) {
                response.setHeader("content-length", Long.toString(stats.size()));
            }
            response.onFinish(() -> resolve.accept(null));
            response.onClose(() -> reject.accept(new StardustException("ERR_STREAM_DESTROYED",
                    "the response was closed before the file was sent")));
            Fs.createReadStream(path).onError(reject::accept).pipe(response);
        }));
    }
}
