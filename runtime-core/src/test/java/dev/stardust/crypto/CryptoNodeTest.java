package dev.stardust.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.NodeScript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto gives node's answers. A table of inputs (data from a fixed seed at the lengths where digests change
 * blocks, keys shorter and longer than the HMAC block, every digest name and alias, arguments just outside node's
 * limits, ciphers with and without AAD, padding and their tags, tampered tags and ciphertexts) goes to ONE node
 * process, which answers each case with hex bytes or {@code E:} and the error's code; each answer is then a test of
 * Stardust's for the same case. Then the ciphertexts node made are decrypted by Stardust, and those Stardust made
 * (the same, when the first tests pass) are in the table as node's decryption cases: both directions are checked.
 */
class CryptoNodeTest {
    /**
     * The errors node throws without a code (OpenSSL's, passed on as messages), with the code Stardust gives them:
     * an unknown digest to createHash and crypto.hash, and a failed authentication.
     */
    private static final Map<String, String> CODELESS = Map.of(
            "Digest method not supported", "ERR_CRYPTO_INVALID_DIGEST",
            "Unsupported state or unable to authenticate data", "ERR_CRYPTO_INVALID_AUTH_TAG");

    private static final List<String> DIGESTS = List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512",
            "sha512-224", "sha512-256", "sha3-224", "sha3-256", "sha3-384", "sha3-512", "SHA256", "SHA-256", "sha-1",
            "sha2-256", "sha2-512", "RSA-SHA256", "rsa-sha1", "RSA-MD5", "RSA-SHA512/224", "sha512/256",
            "sha256WithRSAEncryption", "RSA-SHA3-256", "ssl3-md5", "ssl3-sha1", "sha-512/224", "sha2-512/256",
            "RSA-SHA1-2", "sha1-2", "sha3-256WithRSAEncryption", "nope", "sha", "", "sha256 ");

    private static final String NODE = """
            const c = require('crypto');
            const fs = require('fs');
            const h = (s) => (s === '-' ? null : Buffer.from(s, 'hex'));
            const hex = (b) => Buffer.from(b).toString('hex');
            const codeless = (e) => e.code || (/^Digest method .*not supported$/.test(e.message) ? 'Digest method not supported' : e.message);
            const out = [];
            for (const line of fs.readFileSync(process.argv[1], 'utf8').split('\\n')) {
              if (!line) continue;
              const [op, ...a] = line.split('\\t');
              try {
                if (op === 'hash') out.push(c.createHash(a[0]).update(h(a[1])).digest('hex'));
                else if (op === 'oneshot') out.push(c.hash(a[0], h(a[1])));
                else if (op === 'hmac') out.push(c.createHmac(a[0], h(a[1])).update(h(a[2])).digest('hex'));
                else if (op === 'pbkdf2') out.push(hex(c.pbkdf2Sync(h(a[0]), h(a[1]), Number(a[2]), Number(a[3]), a[4])));
                else if (op === 'hkdf') out.push(hex(c.hkdfSync(a[0], h(a[1]), h(a[2]), h(a[3]), Number(a[4]))));
                else if (op === 'enc') {
                  const [alg, key, iv, aad, pt, pad, tl] = a;
                  const x = c.createCipheriv(alg, h(key), h(iv), tl === '-' ? undefined : { authTagLength: Number(tl) });
                  if (pad === '0') x.setAutoPadding(false);
                  if (aad !== '-') x.setAAD(h(aad));
                  const ct = Buffer.concat([x.update(h(pt)), x.final()]);
                  out.push(hex(ct) + '/' + (tl === '-' ? '-' : hex(x.getAuthTag())));
                } else if (op === 'dec') {
                  const [alg, key, iv, aad, ct, tag, pad] = a;
                  const x = c.createDecipheriv(alg, h(key), h(iv), tag === '-' ? undefined : { authTagLength: h(tag).length });
                  if (pad === '0') x.setAutoPadding(false);
                  if (aad !== '-') x.setAAD(h(aad));
                  if (tag !== '-') x.setAuthTag(h(tag));
                  out.push(hex(Buffer.concat([x.update(h(ct)), x.final()])));
                } else throw new Error('unknown op ' + op);
              } catch (e) { out.push('E:' + codeless(e)); }
            }
            fs.writeFileSync(process.argv[2], out.join('\\n') + '\\n');
            """;

    /** One case: its name, its line for node, and Stardust's answer in node's notation. */
    private record Case(String name, String line, String stardust) {
    }

    /** One encryption in the table, to decrypt node's answer to it with Stardust afterwards. */
    private record Encryption(int index, String alg, Buffer key, Buffer iv, String aad, Buffer plain, boolean pad) {
    }

    private final Random random = new Random(23);
    private final List<Case> cases = new ArrayList<>();
    private final List<Encryption> encryptions = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> stardustAnswersAsNodeDoes(@TempDir Path dir) throws Exception {
        // Hash, Hmac and the ciphers are streams, which belong to a loop: the table is built on one.
        LoopTester.run(t -> {
            hashes();
            hmacs();
            kdfs();
            ciphers();
        });
        List<String> node = runNode(dir);
        assertEquals(cases.size(), node.size(), "node answered every case");
        List<String> decrypted = new ArrayList<>();
        LoopTester.run(t -> {
            for (Encryption e : encryptions) {
                String[] answer = node.get(e.index()).split("/");
                decrypted.add(answer.length == 2 ? answer(() -> decrypt(e.alg(), e.key(), e.iv(), e.aad(),
                        Buffer.from(answer[0], "hex"), answer[1], e.pad())) : "node failed: " + answer[0]);
            }
        });
        Stream<DynamicTest> same = IntStream.range(0, cases.size()).mapToObj(i -> dynamicTest(cases.get(i).name(),
                () -> assertEquals(node.get(i), cases.get(i).stardust(), cases.get(i).line())));
        Stream<DynamicTest> back = IntStream.range(0, encryptions.size()).mapToObj(i -> dynamicTest(
                "Stardust decrypts node's " + cases.get(encryptions.get(i).index()).name(),
                () -> assertEquals(encryptions.get(i).plain().toHex(), decrypted.get(i))));
        return Stream.concat(same, back);
    }

    private void hashes() {
        for (int length : new int[] {0, 1, 3, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 135, 136, 1000, 70_000}) {
            Buffer data = bytes(length);
            for (String alg : DIGESTS) {
                String name = alg + " of " + length + " bytes";
                add("hash " + name, "hash\t" + alg + "\t" + data.toHex(),
                        () -> Crypto.createHash(alg).update(data).digest("hex"));
                if (length < 200) {
                    add("crypto.hash " + name, "oneshot\t" + alg + "\t" + data.toHex(), () -> Crypto.hash(alg, data));
                }
            }
        }
        Buffer text = Buffer.from("The quick brown fox jumps over the lazy dog");
        add("sha256 of a sentence", "hash\tsha256\t" + text.toHex(), () -> Crypto.hash("sha256", text));
    }

    private void hmacs() {
        for (int keyLength : new int[] {0, 1, 20, 32, 64, 65, 128, 129, 200}) {
            Buffer key = bytes(keyLength);
            for (int length : new int[] {0, 1, 64, 1000}) {
                Buffer data = bytes(length);
                for (String alg : DIGESTS) {
                    add("hmac " + alg + " key " + keyLength + " data " + length,
                            "hmac\t" + alg + "\t" + key.toHex() + "\t" + data.toHex(),
                            () -> Crypto.createHmac(alg, key).update(data).digest("hex"));
                }
            }
        }
    }

    private void kdfs() {
        List<Buffer> passwords = List.of(Buffer.EMPTY, Buffer.from("password"), Buffer.from("ff00fe80c3", "hex"),
                bytes(64), bytes(200));
        List<Buffer> salts = List.of(Buffer.EMPTY, Buffer.from("salt"), bytes(16));
        for (String digest : List.of("sha1", "sha256", "sha512", "md5", "sha3-256", "SHA-384", "nope")) {
            for (Buffer password : passwords) {
                for (Buffer salt : salts) {
                    int iterations = 1 + random.nextInt(3) * 500;
                    int keylen = List.of(0, 1, 20, 32, 33, 64, 100).get(random.nextInt(7));
                    pbkdf2(password, salt, iterations, keylen, digest);
                }
            }
        }
        pbkdf2(Buffer.from("p"), Buffer.from("s"), 0, 32, "sha256");
        pbkdf2(Buffer.from("p"), Buffer.from("s"), -1, 32, "sha256");
        pbkdf2(Buffer.from("p"), Buffer.from("s"), 1, -1, "sha256");
        pbkdf2(Buffer.from("password"), Buffer.from("salt"), 4096, 20, "sha1");
        for (String digest : List.of("sha1", "sha256", "sha512", "md5", "sha3-512", "SHA-256", "nope")) {
            int hLen = digest.equals("nope") ? 32 : Crypto.createHash(digest).digest().length();
            for (int keylen : new int[] {0, 1, 42, hLen, hLen + 1, 255 * hLen, 255 * hLen + 1}) {
                Buffer ikm = bytes(random.nextInt(3) == 0 ? 0 : 22);
                Buffer salt = random.nextBoolean() ? Buffer.EMPTY : bytes(13);
                Buffer info = bytes(List.of(0, 10, 1024).get(random.nextInt(3)));
                hkdf(digest, ikm, salt, info, keylen);
            }
        }
        hkdf("sha256", bytes(22), bytes(13), bytes(1025), 32);
        hkdf("sha256", bytes(22), bytes(13), bytes(10), -1);
    }

    private void pbkdf2(Buffer password, Buffer salt, int iterations, int keylen, String digest) {
        add("pbkdf2 " + digest + " pw " + password.length() + " salt " + salt.length() + " x" + iterations + " -> "
                + keylen, "pbkdf2\t" + password.toHex() + "\t" + salt.toHex() + "\t" + iterations + "\t" + keylen
                + "\t" + digest, () -> Crypto.pbkdf2Sync(password, salt, iterations, keylen, digest).toHex());
    }

    private void hkdf(String digest, Buffer ikm, Buffer salt, Buffer info, int keylen) {
        add("hkdf " + digest + " ikm " + ikm.length() + " salt " + salt.length() + " info " + info.length() + " -> "
                + keylen, "hkdf\t" + digest + "\t" + ikm.toHex() + "\t" + salt.toHex() + "\t" + info.toHex() + "\t"
                + keylen, () -> Crypto.hkdfSync(digest, ikm, salt, info, keylen).toHex());
    }

    private void ciphers() {
        for (String alg : Crypto.getCiphers()) {
            boolean aead = alg.endsWith("gcm") || alg.startsWith("chacha");
            boolean block = alg.endsWith("cbc") || alg.endsWith("ecb");
            int keyLength = alg.startsWith("chacha") ? 32 : Integer.parseInt(alg.substring(4, 7)) / 8;
            Buffer key = bytes(keyLength);
            for (int length : new int[] {0, 1, 15, 16, 17, 32, 100, 1000}) {
                Buffer plain = bytes(length);
                Buffer iv = alg.endsWith("ecb") ? Buffer.EMPTY : bytes(alg.startsWith("chacha") || aead ? 12 : 16);
                String aad = aead && length % 2 == 0 ? bytes(13).toHex() : "-";
                boolean pad = !(block && length % 16 == 0 && length % 32 != 0);
                encrypt(alg, key, iv, aad, plain, pad, aead ? "16" : "-", true);
            }
            if (alg.endsWith("gcm")) {
                encrypt(alg, key, bytes(8), "-", bytes(40), true, "12", true);
                encrypt(alg, key, bytes(60), "00", bytes(40), true, "14", true);
            }
            if (block) {
                encrypt(alg, key, alg.endsWith("ecb") ? Buffer.EMPTY : bytes(16), "-", bytes(15), false, "-", false);
            }
            encrypt(alg, bytes(keyLength - 1), bytes(12), "-", bytes(4), true, aead ? "16" : "-", false);
            if (!alg.endsWith("ecb")) {
                encrypt(alg, key, bytes(alg.endsWith("gcm") ? 0 : 11), "-", bytes(4), true, aead ? "16" : "-", false);
            }
            tampered(alg, key, aead, block);
        }
        encrypt("aes-256-xyz", bytes(32), bytes(16), "-", bytes(4), true, "-", false);
    }

    /** Decryptions node and Stardust must both refuse: a flipped tag or ciphertext byte, bad padding or length. */
    private void tampered(String alg, Buffer key, boolean aead, boolean block) {
        Buffer iv = alg.endsWith("ecb") ? Buffer.EMPTY : bytes(aead ? 12 : 16);
        Buffer plain = bytes(48);
        String aad = aead ? "0102" : "-";
        String[] good = encryptHere(alg, key, iv, aad, plain, true, aead ? "16" : "-").split("/");
        if (aead) {
            byte[] tag = Buffer.from(good[1], "hex").toByteArray();
            tag[3] ^= 1;
            decrypt(alg + " with a flipped tag bit", alg, key, iv, aad, Buffer.from(good[0], "hex"),
                    Buffer.wrap(tag).toHex(), true);
            byte[] ct = Buffer.from(good[0], "hex").toByteArray();
            ct[40] ^= (byte) 0x80;
            decrypt(alg + " with a flipped ciphertext bit", alg, key, iv, aad, Buffer.wrap(ct), good[1], true);
            decrypt(alg + " with other AAD", alg, key, iv, "0103", Buffer.from(good[0], "hex"), good[1], true);
            if (alg.endsWith("gcm")) {
                // node also takes ChaCha20-Poly1305 tags cut short, which the JDK cannot check (CryptoTest).
                decrypt(alg + " with a 12-byte tag", alg, key, iv, aad, Buffer.from(good[0], "hex"),
                        good[1].substring(0, 24), true);
            }
            decrypt(alg + " good", alg, key, iv, aad, Buffer.from(good[0], "hex"), good[1], true);
        }
        if (block) {
            decrypt(alg + " with bad padding", alg, key, iv, "-", bytes(32), "-", true);
            decrypt(alg + " with a partial block", alg, key, iv, "-", bytes(31), "-", true);
            decrypt(alg + " without padding", alg, key, iv, "-", bytes(32), "-", false);
        }
    }

    private void encrypt(String alg, Buffer key, Buffer iv, String aad, Buffer plain, boolean pad, String tagLength,
            boolean decryptBack) {
        String name = "encrypt " + alg + " key " + key.length() + " iv " + iv.length() + " aad " + aad.length() / 2
                + " plain " + plain.length() + (pad ? "" : " no padding") + " tag " + tagLength;
        String line = "enc\t" + alg + "\t" + key.toHex() + "\t" + iv.toHex() + "\t" + aad + "\t" + plain.toHex() + "\t"
                + (pad ? "1" : "0") + "\t" + tagLength;
        String ours = answer(() -> encryptHere(alg, key, iv, aad, plain, pad, tagLength));
        int index = cases.size();
        cases.add(new Case(name, line, ours));
        if (decryptBack && !ours.startsWith("E:")) {
            encryptions.add(new Encryption(index, alg, key, iv, aad, plain, pad));
            String[] parts = ours.split("/");
            decrypt("node decrypts Stardust's " + name.substring("encrypt ".length()), alg, key, iv, aad,
                    Buffer.from(parts[0], "hex"), parts[1], pad);
        }
    }

    private static String encryptHere(String alg, Buffer key, Buffer iv, String aad, Buffer plain, boolean pad,
            String tagLength) {
        Cipher cipher = tagLength.equals("-") ? Crypto.createCipheriv(alg, key, iv)
                : Crypto.createCipheriv(alg, key, iv, Integer.parseInt(tagLength));
        if (!pad) {
            cipher.setAutoPadding(false);
        }
        if (!aad.equals("-")) {
            cipher.setAAD(Buffer.from(aad, "hex"));
        }
        Buffer ct = cipher.update(plain).concat(cipher.finish());
        return ct.toHex() + "/" + (tagLength.equals("-") ? "-" : cipher.getAuthTag().toHex());
    }

    private void decrypt(String name, String alg, Buffer key, Buffer iv, String aad, Buffer ct, String tag,
            boolean pad) {
        add(name, "dec\t" + alg + "\t" + key.toHex() + "\t" + iv.toHex() + "\t" + aad + "\t" + ct.toHex() + "\t" + tag
                + "\t" + (pad ? "1" : "0"), () -> decrypt(alg, key, iv, aad, ct, tag, pad));
    }

    private static String decrypt(String alg, Buffer key, Buffer iv, String aad, Buffer ct, String tag, boolean pad) {
        Decipher decipher = Crypto.createDecipheriv(alg, key, iv);
        if (!pad) {
            decipher.setAutoPadding(false);
        }
        if (!aad.equals("-")) {
            decipher.setAAD(Buffer.from(aad, "hex"));
        }
        if (!tag.equals("-")) {
            decipher.setAuthTag(Buffer.from(tag, "hex"));
        }
        return decipher.update(ct).concat(decipher.finish()).toHex();
    }

    private List<String> runNode(Path dir) throws Exception {
        String table = cases.stream().map(c -> c.line() + "\n").collect(Collectors.joining());
        return NodeScript.run(dir, NODE, table).stream()
                .map(a -> a.startsWith("E:") ? "E:" + CODELESS.getOrDefault(a.substring(2), a.substring(2)) : a)
                .toList();
    }


    private void add(String name, String line, Callable<String> stardust) {
        cases.add(new Case(name, line, answer(stardust)));
    }

    /** Stardust's answer in node's notation: the hex it returned, or {@code E:} and its error's code. */
    private static String answer(Callable<String> stardust) {
        try {
            return stardust.call();
        } catch (StardustException e) {
            return "E:" + e.code();
        } catch (Exception e) {
            return "unexpected " + e;
        }
    }

    private Buffer bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return Buffer.wrap(bytes);
    }
}
