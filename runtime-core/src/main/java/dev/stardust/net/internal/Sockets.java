package dev.stardust.net.internal;

import dev.stardust.internal.EventLoopImpl;
import dev.stardust.net.Socket;
import io.netty.channel.Channel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes a {@link Socket} around a channel that another protocol accepted and has finished with, as node hands an
 * upgraded HTTP connection to the {@code upgrade} listener as a {@code net.Socket}. The constructor it calls stays
 * package-private so that no Netty type shows in {@code Socket}'s public API; this runtime-core class reaches it with
 * a private lookup inside the same module, instead of a public trampoline.
 */
public final class Sockets {
    private static final MethodHandle ADOPT;

    static {
        try {
            ADOPT = MethodHandles.privateLookupIn(Socket.class, MethodHandles.lookup()).findConstructor(Socket.class,
                    MethodType.methodType(void.class, EventLoopImpl.class, Channel.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Sockets() {
    }

    /**
     * A connected socket on {@code channel}, which must be active, registered with {@code loop}'s I/O loop and hold
     * no handler that turns bytes into other messages. The socket opens its own loop handle; call on the loop thread.
     */
    public static Socket adopt(EventLoopImpl loop, Channel channel) {
        loop.checkThread();
        try {
            return (Socket) ADOPT.invoke(loop, channel);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
