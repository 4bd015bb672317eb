package io.dtf.artifact;

import io.dtf.model.ArtifactRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Names local files and directories by the SHA-256 of their bytes, for upload.
 *
 * <pre>{@code
 * LocalArtifact jar = Artifacts.file(Path.of("lib/junit-jupiter-api-5.11.4.jar"));
 * LocalArtifact classes = Artifacts.tree(Path.of("target/test-classes"), Path.of("target/dtf-artifacts"));
 * }</pre>
 */
public final class Artifacts {
    /**
     * Every entry of a packed tree carries this time (a DOS time, which has no time zone), so that
     * packing the same files gives the same bytes on any machine, any day.
     */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final int BUFFER = 64 * 1024;

    private Artifacts() {
    }

    /**
     * A file as it is (kind FILE), named by its file name made fit for {@link ArtifactRef}.
     *
     * @throws IllegalArgumentException when {@code file} is not a regular file
     * @throws UncheckedIOException     when it cannot be read
     */
    public static LocalArtifact file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("artifact " + file + ": not a regular file"
                    + (Files.isDirectory(file) ? " (a directory: pack it with Artifacts.tree)" : ""));
        }
        MessageDigest sha = sha256();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("artifact " + file + ": cannot read it: " + e.getMessage(), e);
        }
        String name = safeName(String.valueOf(file.getFileName()));
        return new LocalArtifact(new ArtifactRef(hex(sha.digest()), name, size, ArtifactRef.Kind.FILE), file);
    }

    /**
     * A directory packed into a zip under {@code packInto} (kind TREE): the same files give the same
     * bytes and so the same digest (sorted entries, fixed times, no permissions, no directory entries),
     * wherever and whenever it is packed with the same Java runtime. The zip is named
     * {@code <directory name>-<first 12 hex digits>.zip}. Symbolic links are followed while they stay
     * inside the directory.
     *
     * @throws IllegalArgumentException naming the path when {@code directory} is not a directory, a link
     *                                  leads outside it, or a file is not a regular file or has a name an
     *                                  archive may not hold ({@link ArchiveEntryNames})
     * @throws UncheckedIOException     when reading or writing fails
     */
    public static LocalArtifact tree(Path directory, Path packInto) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("artifact " + directory + ": not a directory");
        }
        try {
            Map<String, Path> files = files(directory);
            Files.createDirectories(packInto);
            Path temp = Files.createTempFile(packInto, ".packing-", ".zip");
            try {
                MessageDigest sha = sha256();
                try (OutputStream raw = Files.newOutputStream(temp);
                     DigestOutputStream hashed = new DigestOutputStream(raw, sha);
                     ZipOutputStream zip = new ZipOutputStream(hashed)) {
                    zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                    byte[] buffer = new byte[BUFFER];
                    for (Map.Entry<String, Path> f : files.entrySet()) {
                        ZipEntry entry = new ZipEntry(f.getKey());
                        entry.setTimeLocal(ENTRY_TIME);
                        zip.putNextEntry(entry);
                        try (InputStream in = Files.newInputStream(f.getValue())) {
                            for (int n; (n = in.read(buffer)) > 0; ) {
                                zip.write(buffer, 0, n);
                            }
                        }
                        zip.closeEntry();
                    }
                }
                String digest = hex(sha.digest());
                String base = safeName(String.valueOf(directory.toAbsolutePath().normalize().getFileName()));
                String name = safeName(base.substring(0, Math.min(base.length(), 180)) + "-" + digest.substring(0, 12)
                        + ".zip");
                Path zipFile = packInto.resolve(name);
                Files.move(temp, zipFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new LocalArtifact(new ArtifactRef(digest, name, Files.size(zipFile), ArtifactRef.Kind.TREE),
                        zipFile);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("artifact " + directory + ": cannot pack it: " + e.getMessage(), e);
        }
    }

    /** The tree's files by entry name, sorted; refuses links out of it and anything but regular files. */
    private static Map<String, Path> files(Path directory) throws IOException {
        Path root = directory.toRealPath();
        Map<String, Path> files = new TreeMap<>();
        Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        inside(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        inside(file);
                        if (!attrs.isRegularFile()) {
                            throw new IllegalArgumentException("artifact " + directory + ": " + file
                                    + " is not a regular file (a pipe, socket or device); remove it");
                        }
                        String entry = entryName(directory.relativize(file));
                        Optional<String> problem = ArchiveEntryNames.problem(entry);
                        if (problem.isPresent()) {
                            throw new IllegalArgumentException("artifact " + directory + ": cannot pack " + file + ": "
                                    + problem.get());
                        }
                        files.put(entry, file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            throw new IllegalArgumentException("artifact " + directory + ": the symbolic link " + file
                                    + " loops back into the directory", e);
                        }
                        throw e;
                    }

                    private void inside(Path p) throws IOException {
                        Path real = p.toRealPath();
                        if (!real.startsWith(root)) {
                            throw new IllegalArgumentException("artifact " + directory + ": " + p + " is a symbolic link"
                                    + " to " + real + ", outside the directory; copy what it points to into it instead");
                        }
                    }
                });
        return files;
    }

    private static String entryName(Path relative) {
        StringBuilder name = new StringBuilder();
        for (Path segment : relative) {
            name.append(name.length() == 0 ? "" : "/").append(segment);
        }
        return name.toString();
    }

    /**
     * {@code name} made fit for {@link ArtifactRef#name()}: other characters become {@code _}, at most 200
     * characters, never empty, {@code .} or {@code ..}.
     */
    public static String safeName(String name) {
        StringBuilder out = new StringBuilder();
        String text = name == null ? "" : name;
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '-'
                    || (c == '@' && out.length() > 0));
            out.append(plain ? c : '_');
        }
        String safe = out.toString();
        return safe.isEmpty() || safe.equals(".") || safe.equals("..") ? "artifact" : safe;
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e); // every Java SE runtime has it
        }
    }

    /** Lower-case hex of {@code bytes}, as {@link ArtifactRef#sha256()} spells digests. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
