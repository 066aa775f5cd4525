/** A user's modular program: it needs only Stardust's HTTP module, which brings TCP and the core with it. */
module consumer.modular {
    requires dev.stardust.http;
}
