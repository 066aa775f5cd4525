package dev.stardust.examples;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Transform;
import dev.stardust.stream.Writable;
import dev.stardust.zlib.Zlib;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code gzip [-d] FILE}: compresses FILE to FILE.gz (or, with {@code -d}, FILE.gz back to FILE), streaming it
 * through a {@link Zlib} transform; the file I/O runs on the worker pool, 64 KiB at a time, with backpressure.
 */
public final class GzipExample implements Example {

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public String description() {
        return "[-d] FILE compress FILE to FILE.gz, or with -d decompress FILE.gz, as gzip does";
    }

    @Override
    public int run(String[] args) throws IOException {
        boolean decompress = args.length > 1 && args[0].equals("-d");
        Path in = Path.of(args[decompress ? 1 : 0]);
        String name = in.toString();
        Path out = decompress ? Path.of(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name + ".out")
                : Path.of(name + ".gz");
        FileChannel source = FileChannel.open(in, StandardOpenOption.READ);
        FileChannel sink = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        int[] status = {0};
        Loop.run(() -> {
            Transform<Buffer, Buffer> zlib = decompress ? Zlib.createGunzip() : Zlib.createGzip();
            Writable<Buffer> file = new FileSink(sink);
            new FileSource(source).pipe(zlib).pipe(file);
            zlib.onError(e -> {
                System.err.println("gzip: " + e.getMessage());
                status[0] = 1;
                file.destroy();
            });
            file.onFinish(() -> System.out.println(in + " -> " + out));
        });
        source.close();
        sink.close();
        return status[0];
    }

    /** Reads the file in 64 KiB chunks on the worker pool. */
    private static final class FileSource extends Readable<Buffer> {
        private final FileChannel channel;

        FileSource(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        protected void doRead(int size) {
            Loop.current().executeBlocking(() -> {
                ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                return channel.read(b) < 0 ? null : Buffer.from(b.flip());
            }).onComplete((chunk, error) -> {
                if (error != null) {
                    destroy(error);
                } else {
                    push(chunk);
                }
            });
        }
    }

    /** Writes each chunk on the worker pool, one at a time. */
    private static final class FileSink extends Writable<Buffer> {
        private final FileChannel channel;

        FileSink(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
            Loop.current().executeBlocking(() -> {
                ByteBuffer b = chunk.asByteBuffer();
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                return null;
            }).onComplete((ignored, error) -> callback.accept(error));
        }
    }
}
