package io.dtf.worker.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads the lines of a file a forked JVM wrote, in bounded memory: a line longer than
 * {@code maxLineBytes} is skipped (and counted), and reading stops after {@code maxBytes}. The JVM
 * runs the task's code, which may write anything there.
 */
final class BoundedLines {
    private final int maxLineBytes;
    private final long maxBytes;
    private int overlong;
    private boolean truncated;

    BoundedLines(int maxLineBytes, long maxBytes) {
        this.maxLineBytes = maxLineBytes;
        this.maxBytes = maxBytes;
    }

    /** Feeds each line (without its line break) to {@code line}; a missing file has no lines. */
    void read(Path file, Consumer<String> line) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[64 * 1024];
            byte[] buffer = new byte[maxLineBytes];
            int length = 0;
            boolean skipping = false;
            long read = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (read + n > maxBytes) {
                    truncated = true;
                    n = (int) (maxBytes - read);
                }
                read += n;
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        if (!skipping) {
                            line.accept(new String(buffer, 0, length, StandardCharsets.UTF_8));
                        }
                        length = 0;
                        skipping = false;
                    } else if (!skipping) {
                        if (length == buffer.length) {
                            skipping = true;
                            overlong++;
                        } else {
                            buffer[length++] = b;
                        }
                    }
                }
                if (truncated) {
                    return;
                }
            }
            if (length > 0 && !skipping) {
                // The last line has no line break (the JVM died mid-record?): the parser judges it.
                line.accept(new String(buffer, 0, length, StandardCharsets.UTF_8));
            }
        } catch (NoSuchFileException e) {
            // The JVM ended before it wrote anything.
        }
    }

    int overlongLines() {
        return overlong;
    }

    /** Whether reading stopped at the byte limit. */
    boolean truncated() {
        return truncated;
    }
}
