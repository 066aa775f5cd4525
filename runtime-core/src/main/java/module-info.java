/**
 * Stardust's core: the event loop ({@link dev.stardust.Loop}), timers, {@link dev.stardust.EventEmitter},
 * {@link dev.stardust.Promise}, {@link dev.stardust.Buffer}, streams, files, processes, zlib and
 * {@code Dns.lookup}. The network modules ({@code dev.stardust.tcp}, {@code dev.stardust.udp},
 * {@code dev.stardust.dns}, {@code dev.stardust.http}) build on the internals it exports to them alone.
 */
module dev.stardust.core {
    requires transitive org.jspecify;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.resolver;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.kqueue;
    // The native transports hold only the JNI libraries that the classes above load; requiring them puts them in the
    // module graph, so a modular program gets epoll or kqueue as a class-path one does (they are all dependencies).
    requires io.netty.transport.epoll.linux.x86_64;
    requires io.netty.transport.epoll.linux.aarch_64;
    requires io.netty.transport.kqueue.osx.x86_64;
    requires io.netty.transport.kqueue.osx.aarch_64;
    // io_uring is opt-in and its jars optional: a program that wants it adds them (on the module path, resolved with
    // --add-modules); Transport reports what is missing when stardust.transport=io_uring finds them absent.
    requires static io.netty.transport.classes.io_uring;
    // Signals (process.on('SIGINT')) go through sun.misc.Signal.
    requires jdk.unsupported;

    exports dev.stardust;
    exports dev.stardust.crypto;
    exports dev.stardust.dns;
    exports dev.stardust.fs;
    exports dev.stardust.process;
    exports dev.stardust.stream;
    exports dev.stardust.zlib;

    exports dev.stardust.internal to dev.stardust.tcp, dev.stardust.udp, dev.stardust.dns, dev.stardust.http,
            dev.stardust.websocket, dev.stardust.http2;
    exports dev.stardust.dns.internal to dev.stardust.udp;
    exports dev.stardust.zlib.internal to dev.stardust.http;
}
