package io.dtf.worker.artifact;

import io.dtf.artifact.ArchiveEntryNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a TREE's zip into an empty directory, trusting nothing in it: each entry's name is checked
 * ({@link ArchiveEntryNames}), sizes are counted as bytes come out rather than taken from headers, and
 * no entry becomes anything but a plain file or folder (a link entry becomes a file holding its text).
 */
final class TreeUnpacker {
    /** More entries than any class directory we know; a zip with more is refused before it fills a disk with inodes. */
    static final int MAX_ENTRIES = 500_000;

    private final long maxBytes;

    /** @param maxBytes what the files of one tree may take in all */
    TreeUnpacker(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Unpacks {@code zip} into {@code target} (created when missing); answers the bytes written.
     *
     * @throws IllegalArgumentException naming the entry when one is refused (its name, a duplicate, too large)
     * @throws IOException              when the zip is not readable as one
     */
    long unpack(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        long written = 0;
        int entries = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            byte[] buffer = new byte[64 * 1024];
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalArgumentException("the archive has more than " + MAX_ENTRIES + " entries");
                }
                Path out = ArchiveEntryNames.resolve(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                if (entry.getSize() > maxBytes - written) {
                    throw new IllegalArgumentException(tooLarge(entry));
                }
                try {
                    Files.createDirectories(out.getParent());
                } catch (FileAlreadyExistsException e) {
                    throw new IllegalArgumentException("archive entry '" + entry.getName() + "' refused: a file of the"
                            + " archive has the name of its folder");
                }
                if (!out.getParent().toRealPath().startsWith(target.toRealPath())) {
                    throw new IllegalArgumentException("archive entry '" + entry.getName() + "' refused: its folder"
                            + " leads outside the folder it is unpacked into");
                }
                try (InputStream in = file.getInputStream(entry);
                     OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW,
                             StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        if (written > maxBytes) {
                            throw new IllegalArgumentException(tooLarge(entry));
                        }
                        os.write(buffer, 0, n);
                    }
                } catch (FileAlreadyExistsException e) {
                    throw new IllegalArgumentException("archive entry '" + entry.getName() + "' refused: the archive"
                            + " holds it twice (or also as a folder)");
                } catch (ZipException e) {
                    throw new IllegalArgumentException("archive entry '" + entry.getName() + "' is damaged: "
                            + e.getMessage());
                }
            }
        }
        return written;
    }

    private String tooLarge(ZipEntry entry) {
        return "archive entry '" + entry.getName() + "' refused: the archive unpacks to more than " + maxBytes
                + " bytes (this worker's artifact cache bound)";
    }
}
