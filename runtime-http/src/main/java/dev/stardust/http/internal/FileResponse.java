package dev.stardust.http.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A server response's {@code sendFile}: the head of a static file (content type, validators, a 304 for a current
 * copy, a 206 or 416 for a range), then the bytes, zero-copy when nothing in the pipeline has to see them.
 */
final class FileResponse {
    private FileResponse() {
    }

    static Promise<Void> send(RealServerResponse response, String path) {
        if (response.headWritten || response.wroteAny || response.writableEnded() || response.destroyed()) {
            return Promise.rejected(new StardustException("ERR_HTTP_HEADERS_SENT",
                    "Cannot send a file after the response has started"));
        }
        response.wroteAny = true;
        RealLoop loop = RealLoop.current();
        return FileBody.open(loop, path).onFailure(e -> response.wroteAny = false)
                .flatMap(opened -> Promise.<Void>create((resolve, reject) -> {
            FileChannel file = opened.file();
            if (response.destroyed() || response.writableEnded()) {
                FileBody.closeQuietly(file);
                reject.accept(new StardustException("ERR_STREAM_DESTROYED", "the response was closed"));
                return;
            }
            long[] range = head(response, path, opened);
            long first = range == null || range.length == 0 ? 0 : range[0];
            long length = range == null ? opened.size() : range.length == 0 ? 0 : range[1] - range[0] + 1;
            if (range != StaticFile.UNSATISFIABLE && response.status != 304) {
                response.headers.fixLength(length);
            }
            HttpResponseStatus s = response.prepareHead(range == StaticFile.UNSATISFIABLE ? 0 : -1);
            Consumer<@Nullable Throwable> done = error -> {
                if (error == null) {
                    resolve.accept(null);
                } else {
                    reject.accept(error);
                }
            };
            Channel channel = response.channel;
            if (response.bodyless || length == 0) {
                FileBody.closeQuietly(file);
                channel.write(new ResponseEncoder.BodylessHead(HttpVersion.HTTP_1_1, s, response.headers),
                        channel.voidPromise());
                resolve.accept(null);
                response.end();
            } else if (channel.pipeline().get(SslHandler.class) == null
                    && channel.pipeline().get(ResponseCompressor.class) == null) {
                channel.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, s, response.headers),
                        channel.voidPromise());
                // The region owns the file from here: releasing it closes the channel.
                channel.write(new DefaultFileRegion(file, first, length), response.completion(done));
                response.end();
            } else {
                // TLS must encrypt the bytes and the compressor must see them: no zero-copy, chunks read off the loop.
                channel.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, s, response.headers),
                        channel.voidPromise());
                sendChunks(response, loop, file, path, first, length, done);
            }
        }));
    }

    /**
     * The head of a file response, as node's {@code send}: {@code Content-Type}, {@code ETag}, {@code Last-Modified}
     * and {@code Accept-Ranges} unless set, then a 304 for a current copy or a 206 or 416 for a range. Returns the
     * range to send (see {@link StaticFile#range}).
     */
    private static long @Nullable [] head(RealServerResponse response, String path, FileBody.Opened opened) {
        OutgoingHeaders headers = response.headers;
        ServerRequest request = response.request;
        String etag = StaticFile.etag(opened.size(), opened.modified());
        if (!headers.hasHeader("Content-Type")) {
            headers.setHeader("Content-Type", StaticFile.contentType(path));
        }
        if (!headers.hasHeader("ETag")) {
            headers.setHeader("ETag", etag);
        }
        if (!headers.hasHeader("Last-Modified")) {
            headers.setHeader("Last-Modified", StaticFile.httpDate(opened.modified()));
        }
        String method = request.method();
        if (response.status != 200 || !(method.equals("GET") || method.equals("HEAD"))) {
            return null;
        }
        headers.setHeader("Accept-Ranges", "bytes");
        if (StaticFile.notModified(request.headers().get("if-none-match").orElse(null),
                request.headers().get("if-modified-since").orElse(null), etag, opened.modified())) {
            response.status = 304;
            return StaticFile.UNSATISFIABLE;
        }
        long[] range = StaticFile.range(request.headers().get("range").orElse(null), opened.size());
        if (range == StaticFile.UNSATISFIABLE) {
            response.status = 416;
            headers.setHeader("Content-Range", "bytes */" + opened.size());
        } else if (range != null) {
            response.status = 206;
            headers.setHeader("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + opened.size());
        }
        return range;
    }

    /** Sends {@code length} bytes of {@code file} from {@code position}, one chunk read off the loop at a time. */
    private static void sendChunks(RealServerResponse response, RealLoop loop, FileChannel file, String path,
            long position, long length, Consumer<@Nullable Throwable> done) {
        if (length == 0) {
            FileBody.closeQuietly(file);
            done.accept(null);
            response.end();
            return;
        }
        FileBody.read(loop, file, position, length, path).onComplete((chunk, error) -> {
            if (error != null || chunk == null || !chunk.hasRemaining() || response.destroyed()) {
                FileBody.closeQuietly(file);
                Throwable failure = error != null ? error : response.destroyed()
                        ? new StardustException("ERR_STREAM_DESTROYED", "the response was closed")
                        : Errno.fileError("EIO", "read", path);
                // The head promised bytes that will not come: the connection cannot carry another response.
                response.connection.destroy();
                done.accept(failure);
                return;
            }
            int n = chunk.remaining();
            response.channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)),
                    response.completion(e -> {
                if (e != null) {
                    FileBody.closeQuietly(file);
                    done.accept(e);
                } else {
                    sendChunks(response, loop, file, path, position + n, length - n, done);
                }
            }));
        });
    }
}
