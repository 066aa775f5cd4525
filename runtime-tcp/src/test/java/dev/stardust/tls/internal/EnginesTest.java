package dev.stardust.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stardust.StardustException;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;

/** The engine choice: JDK unless OpenSSL loads, forceable, and a clear error when forcing what is not there. */
class EnginesTest {
    @Test
    void choosesOpenSslOnlyWhenItLoadsAndHonoursAForcedEngine() {
        SslProvider best = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        assertEquals(best, Engines.choose(""));
        assertEquals(SslProvider.JDK, Engines.choose("jdk"));
        if (OpenSsl.isAvailable()) {
            assertEquals(SslProvider.OPENSSL, Engines.choose("openssl"));
        } else {
            assertEquals("ERR_TLS_ENGINE_UNAVAILABLE",
                    assertThrows(StardustException.class, () -> Engines.choose("openssl")).code());
        }
        assertEquals("ERR_INVALID_ARG_VALUE",
                assertThrows(StardustException.class, () -> Engines.choose("gnutls")).code());
    }

    /** The build's two runs: JDK without tcnative on the class path, OpenSSL when forced (and loaded). */
    @Test
    void theEngineInUseIsTheOneThisRunAskedFor() {
        String forced = System.getProperty("stardust.tls.engine", "");
        assertEquals(forced.isEmpty() ? (OpenSsl.isAvailable() ? "openssl" : "jdk") : forced, Engines.name());
        assertEquals(Engines.name().equals("openssl") ? SslProvider.OPENSSL : SslProvider.JDK, Engines.provider());
    }
}
