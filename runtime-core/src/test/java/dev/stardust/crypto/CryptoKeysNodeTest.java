package dev.stardust.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.NodeScript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and signatures cross between Stardust and node both ways, in ONE node process: Stardust makes Ed25519,
 * ECDSA P-256/P-384 and RSA key pairs on the worker pool and signs a message; node reads the PEM, verifies the
 * signature, re-exports the keys (the same SPKI bytes must come out), then makes its own pair of the same kind and
 * signs the same message; Stardust reads node's PEM, verifies node's signature, and, for the deterministic schemes
 * (Ed25519, RSA PKCS#1 v1.5), makes the same signature with node's key.
 */
class CryptoKeysNodeTest {
    private static final String NODE = """
            const c = require('crypto');
            const fs = require('fs');
            const b64 = (s) => Buffer.from(s, 'base64').toString();
            const out = [];
            for (const line of fs.readFileSync(process.argv[1], 'utf8').split('\\n')) {
              if (!line) continue;
              const [type, curve, alg, priv, pub, msg, sig] = line.split('\\t');
              const digest = alg === '-' ? null : alg;
              const m = Buffer.from(msg, 'hex');
              const ours = c.verify(digest, m, c.createPublicKey(b64(pub)), Buffer.from(sig, 'hex'));
              const forged = c.verify(digest, Buffer.concat([m, Buffer.from('!')]), c.createPublicKey(b64(pub)), Buffer.from(sig, 'hex'));
              const spki = c.createPublicKey(c.createPrivateKey(b64(priv))).export({ type: 'spki', format: 'pem' });
              const opts = type === 'rsa' ? { modulusLength: 2048 } : type === 'ec' ? { namedCurve: curve } : {};
              const { publicKey, privateKey } = c.generateKeyPairSync(type, opts);
              const nodeSig = c.sign(digest, m, privateKey);
              out.push([ours, forged, spki === b64(pub),
                Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' })).toString('base64'),
                Buffer.from(publicKey.export({ type: 'spki', format: 'pem' })).toString('base64'),
                nodeSig.toString('hex')].join('\\t'));
            }
            fs.writeFileSync(process.argv[2], out.join('\\n') + '\\n');
            """;

    private record Kind(String type, String curve, String digest, KeyPairOptions options) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("ed25519", "-", "-", KeyPairOptions.defaults()),
            new Kind("ec", "P-256", "sha256", KeyPairOptions.defaults().withNamedCurve("P-256")),
            new Kind("ec", "P-384", "sha384", KeyPairOptions.defaults().withNamedCurve("secp384r1")),
            new Kind("rsa", "-", "sha256", KeyPairOptions.defaults()),
            new Kind("rsa", "-", "sha512", KeyPairOptions.defaults().withModulusLength(3072)));

    @Test
    void keysAndSignaturesCrossBothWays(@TempDir Path dir) throws Exception {
        Buffer message = Buffer.from("a message signed by one and checked by the other");
        KeyPair[] pairs = new KeyPair[KINDS.size()];
        LoopTester.run(t -> {
            for (int i = 0; i < KINDS.size(); i++) {
                int at = i;
                Crypto.generateKeyPair(KINDS.get(i).type(), KINDS.get(i).options())
                        .onSuccess(t.expect((KeyPair p) -> pairs[at] = p));
            }
        });
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < KINDS.size(); i++) {
            Kind kind = KINDS.get(i);
            KeyPair pair = pairs[i];
            assertEquals(kind.type(), pair.privateKey().asymmetricKeyType());
            Buffer sig = Crypto.sign(digest(kind), message, pair.privateKey());
            assertTrue(Crypto.verify(digest(kind), message, pair.publicKey(), sig));
            table.append(String.join("\t", kind.type(), kind.curve(), kind.digest(), b64(pair.privateKey().export()),
                    b64(pair.publicKey().export()), message.toHex(), sig.toHex())).append('\n');
        }
        List<String> answers = NodeScript.run(dir, NODE, table.toString());
        assertEquals(KINDS.size(), answers.size());
        for (int i = 0; i < KINDS.size(); i++) {
            Kind kind = KINDS.get(i);
            String[] a = answers.get(i).split("\t");
            String what = kind.type() + " " + kind.curve() + " " + kind.digest();
            assertEquals("true", a[0], "node verifies Stardust's signature: " + what);
            assertEquals("false", a[1], "node refuses it for another message: " + what);
            assertEquals("true", a[2], "node reads Stardust's PKCS#8 and writes the same SPKI: " + what);
            KeyObject nodePrivate = Crypto.createPrivateKey(unb64(a[3]));
            KeyObject nodePublic = Crypto.createPublicKey(unb64(a[4]));
            Buffer nodeSig = Buffer.from(a[5], "hex");
            assertEquals(unb64(a[4]), nodePublic.export(), "Stardust writes node's SPKI as node does: " + what);
            assertTrue(Crypto.verify(digest(kind), message, nodePublic, nodeSig), "Stardust verifies node's: " + what);
            assertFalse(Crypto.verify(digest(kind), message.concat(Buffer.from("!")), nodePublic, nodeSig));
            if (!kind.type().equals("ec")) {
                assertEquals(nodeSig, Crypto.sign(digest(kind), message, nodePrivate),
                        "a deterministic scheme signs as node does: " + what);
            }
        }
    }

    @Test
    void keysMisusedFailWithNodesCodes() {
        KeyPair ed = Crypto.generateKeyPairSync("ed25519", KeyPairOptions.defaults());
        Buffer data = Buffer.from("x");
        assertEquals("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
                assertThrows(StardustException.class, () -> Crypto.sign(null, data, ed.publicKey())).code());
        assertEquals("ERR_CRYPTO_INVALID_DIGEST",
                assertThrows(StardustException.class, () -> Crypto.sign("sha256", data, ed.privateKey())).code());
        KeyPair ec = Crypto.generateKeyPairSync("ec", KeyPairOptions.defaults().withNamedCurve("P-256"));
        assertEquals("ERR_CRYPTO_INVALID_DIGEST",
                assertThrows(StardustException.class, () -> Crypto.sign("nope", data, ec.privateKey())).code());
        assertFalse(Crypto.verify(null, data, ec.publicKey(), Buffer.from("not DER")));
        assertEquals("ERR_CRYPTO_INVALID_CURVE", assertThrows(StardustException.class,
                () -> Crypto.generateKeyPairSync("ec", KeyPairOptions.defaults())).code());
        assertEquals("ERR_OSSL_UNSUPPORTED", assertThrows(StardustException.class,
                () -> Crypto.createPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")).code());
        assertEquals(ec.publicKey(), Crypto.createPublicKey(ec.publicKey().export()));
        assertEquals(ec.privateKey(), Crypto.createPrivateKey(ec.privateKey().export()));
        assertEquals("private", ec.privateKey().type());
    }

    private static String digest(Kind kind) {
        return kind.digest().equals("-") ? null : kind.digest();
    }

    private static String b64(String text) {
        return Buffer.from(text).toString("base64");
    }

    private static String unb64(String text) {
        return Buffer.from(text, "base64").toString();
    }


}
