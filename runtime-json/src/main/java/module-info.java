/** JSON on jackson-core's streaming layer: {@code Json.parse}, {@code Json.stringify} and a streaming parser ({@code dev.stardust.json}). */
module dev.stardust.json {
    requires transitive dev.stardust.core;
    requires tools.jackson.core;

    exports dev.stardust.json;
}
