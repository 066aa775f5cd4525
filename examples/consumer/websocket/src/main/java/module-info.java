/** A user's modular WebSocket program: it needs only Stardust's WebSocket module, which brings HTTP, TCP and the core. */
module consumer.websocket {
    requires dev.stardust.websocket;
}
