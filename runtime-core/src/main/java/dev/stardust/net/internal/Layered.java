package dev.stardust.net.internal;

import dev.stardust.internal.EventLoopImpl;
import dev.stardust.net.Server;
import dev.stardust.net.Socket;
import org.jspecify.annotations.Nullable;

/**
 * How other runtime packages (TLS) make servers and sockets with a {@link ChannelLayer}, without a public
 * constructor in {@code dev.stardust.net}: {@code dev.stardust.net} registers its factory here when it loads.
 */
public abstract class Layered {
    private static volatile @Nullable Layered factory;

    /** Registers the factory; called once by {@code dev.stardust.net}. */
    public static void register(Layered f) {
        factory = f;
    }

    /** The registered factory, loading {@code dev.stardust.net} first if needed. */
    public static Layered factory() {
        Layered f = factory;
        if (f == null) {
            try {
                Class.forName("dev.stardust.net.Net", true, Layered.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = factory;
        }
        if (f == null) {
            throw new IllegalStateException("dev.stardust.net did not register its factory");
        }
        return f;
    }

    /**
     * A server whose accepted sockets carry {@code layer}; {@code connectionEvent} is the event that announces a
     * socket once the layer is established ({@code secureConnection}); {@code errorEvent} reports a failed one.
     */
    public abstract Server createServer(EventLoopImpl loop, ChannelLayer layer, String connectionEvent,
            String errorEvent);

    /** A socket connecting to {@code host}:{@code port} with {@code layer}; {@code readyEvent} follows {@code connect}. */
    public abstract Socket connect(EventLoopImpl loop, String host, int port, ChannelLayer layer, String readyEvent);

    /** The socket's channel, null before it connects. */
    public abstract io.netty.channel.@Nullable Channel channel(Socket socket);
}
