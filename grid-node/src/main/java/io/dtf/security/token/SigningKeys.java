package io.dtf.security.token;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The cluster's token keys in a directory: EC P-256 key pairs, each under a key id ({@code kid}),
 * one of them current. The private half of a key signs tokens and stays where tokens are made;
 * the public halves verify them on every server. A rotated key keeps verifying the tokens it
 * signed until it is retired, so keys change without downtime.
 *
 * <pre>
 * DIR/KID.public.pem    X.509 SubjectPublicKeyInfo
 * DIR/KID.private.pem   PKCS#8, owner-readable only; absent where tokens are only verified
 * DIR/current           the id of the key that signs new tokens
 * </pre>
 */
public final class SigningKeys {
    private static final String PUBLIC = ".public.pem";
    private static final String PRIVATE = ".private.pem";
    private static final String CURRENT = "current";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Path dir;
    private final Map<String, ECPublicKey> publicKeys;
    private final String currentKid;
    private final ECPrivateKey signingKey;

    private SigningKeys(Path dir, Map<String, ECPublicKey> publicKeys, String currentKid, ECPrivateKey signingKey) {
        this.dir = dir;
        this.publicKeys = Map.copyOf(publicKeys);
        this.currentKid = currentKid;
        this.signingKey = signingKey;
    }

    /** Makes the first key pair in {@code dir}; refuses a directory that already has keys. */
    public static SigningKeys create(Path dir) {
        if (Files.exists(dir.resolve(CURRENT))) {
            throw new IllegalStateException(dir + " already holds token keys; use 'dtf keys rotate' for a new one");
        }
        return add(dir);
    }

    /** Reads the keys in {@code dir}. */
    public static SigningKeys load(Path dir) {
        Path current = dir.resolve(CURRENT);
        if (!Files.isRegularFile(current)) {
            throw new IllegalArgumentException("no token keys in " + dir + ": make them with 'dtf keys init', "
                    + "or point to the directory that holds them");
        }
        try {
            String kid = Files.readString(current, StandardCharsets.US_ASCII).strip();
            Map<String, ECPublicKey> keys = new TreeMap<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(PUBLIC)).toList()) {
                    String name = f.getFileName().toString();
                    keys.put(name.substring(0, name.length() - PUBLIC.length()), (ECPublicKey) readPublic(f));
                }
            }
            Path privateFile = dir.resolve(kid + PRIVATE);
            ECPrivateKey signing = Files.exists(privateFile) ? (ECPrivateKey) readPrivate(privateFile) : null;
            return new SigningKeys(dir, keys, kid, signing);
        } catch (IOException e) {
            throw new UncheckedIOException("reading token keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes a new key pair and makes it current; the others keep verifying. Returns the keys now. */
    public static SigningKeys rotate(Path dir) {
        load(dir); // refuses a directory without keys
        return add(dir);
    }

    /**
     * Removes key {@code kid}: tokens it signed are refused from then on. The current key cannot be
     * retired; rotate first.
     */
    public static SigningKeys retire(Path dir, String kid) {
        SigningKeys keys = load(dir);
        if (kid.equals(keys.currentKid)) {
            throw new IllegalArgumentException("key " + kid + " signs new tokens: run 'dtf keys rotate' first, "
                    + "then retire it once its tokens are replaced");
        }
        if (!keys.publicKeys.containsKey(kid)) {
            throw new IllegalArgumentException("no key " + kid + " in " + dir + "; the keys are " + keys.publicKeys.keySet());
        }
        try {
            Files.deleteIfExists(dir.resolve(kid + PRIVATE));
            Files.delete(dir.resolve(kid + PUBLIC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return load(dir);
    }

    private static SigningKeys add(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            String kid = "k" + LocalDate.now(ZoneOffset.UTC).format(DAY) + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
            Path privateFile = dir.resolve(kid + PRIVATE);
            Files.createFile(privateFile);
            ownerOnly(privateFile);
            write(privateFile, pair.getPrivate());
            write(dir.resolve(kid + PUBLIC), pair.getPublic());
            Files.writeString(dir.resolve(CURRENT), kid + "\n", StandardCharsets.US_ASCII);
            return load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("writing token keys in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The id of the key that signs new tokens. */
    public String currentKid() {
        return currentKid;
    }

    /** The private key that signs new tokens, when this directory holds it. */
    public Optional<ECPrivateKey> signingKey() {
        return Optional.ofNullable(signingKey);
    }

    /** Every key that verifies tokens, by id. */
    public Map<String, ECPublicKey> verifyingKeys() {
        return publicKeys;
    }

    /** Whether this directory holds the private half of key {@code kid} (it can sign with it here). */
    public boolean holdsPrivateKey(String kid) {
        return Files.isRegularFile(dir.resolve(kid + PRIVATE));
    }

    private static void write(Path file, PublicKey key) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(key);
        }
    }

    private static void write(Path file, PrivateKey key) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaPKCS8Generator(key, null)); // PKCS#8, not OpenSSL's older EC format
        }
    }

    private static PublicKey readPublic(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            Object o = pem.readObject();
            if (!(o instanceof SubjectPublicKeyInfo info)) {
                throw new IOException(file + " is not a PEM public key");
            }
            return new JcaPEMKeyConverter().getPublicKey(info);
        }
    }

    private static PrivateKey readPrivate(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            Object o = pem.readObject();
            if (!(o instanceof PrivateKeyInfo info)) {
                throw new IOException(file + " is not a PEM PKCS#8 private key");
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits its directory's ACL; the docs say to keep that directory private.
        }
    }
}
