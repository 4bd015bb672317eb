package io.dtf.security.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Writes a {@link DevCa} as the files of {@link TlsMaterial}, never over existing ones. */
final class TlsFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private TlsFiles() {
    }

    /** Writes every file of the material into {@code dir}; returns {@code dir}. */
    static Path write(Path dir, DevCa ca) throws IOException {
        for (String file : TlsMaterial.FILES) {
            if (Files.exists(dir.resolve(file))) {
                throw new IllegalStateException("tls: " + dir.toAbsolutePath() + " already holds TLS material ("
                        + file + "); it is never overwritten, since every node and client of the grid trusts its CA."
                        + " To start afresh, move that directory away first");
            }
        }
        createDirectory(dir);
        char[] password = newPassword();
        try {
            writeNew(dir.resolve(TlsMaterial.PASSWORD), (new String(password) + "\n").getBytes(StandardCharsets.US_ASCII),
                    OWNER_ONLY);
            writeNew(dir.resolve(TlsMaterial.CA_CERTIFICATE), pem(ca.ca()).getBytes(StandardCharsets.US_ASCII), PUBLIC);
            writeNew(dir.resolve(TlsMaterial.TRUSTSTORE), trustStore(ca, password), PUBLIC);
            writeNew(dir.resolve(TlsMaterial.NODE_KEYSTORE), keyStore(TlsMaterial.NODE_ALIAS, ca.nodeKey().getPrivate(),
                    password, ca.node(), ca.ca()), OWNER_ONLY);
            writeNew(dir.resolve(TlsMaterial.CA_KEYSTORE), keyStore(TlsMaterial.CA_ALIAS, ca.caKey().getPrivate(),
                    password, ca.ca()), OWNER_ONLY);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tls: cannot write a PKCS12 store: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
        return dir;
    }

    private static char[] newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static byte[] trustStore(DevCa ca, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TlsMaterial.STORE_TYPE);
        store.load(null, null);
        store.setCertificateEntry(TlsMaterial.CA_ALIAS, ca.ca());
        return bytes(store, password);
    }

    private static byte[] keyStore(String alias, PrivateKey key, char[] password, Certificate... chain)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TlsMaterial.STORE_TYPE);
        store.load(null, null);
        store.setKeyEntry(alias, key, password, chain);
        return bytes(store, password);
    }

    private static byte[] bytes(KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }

    private static String pem(Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }

    private static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates the file with its permissions from the start (no moment where others may read it). */
    private static void writeNew(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        FileAttribute<?>[] attributes = posix(file.getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("tls: " + file + " appeared while the material was written; nothing overwritten", e);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(content);
        }
    }

    private static boolean posix(Path dir) throws IOException {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }
}
