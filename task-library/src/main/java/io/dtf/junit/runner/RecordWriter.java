package io.dtf.junit.runner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The records file: JSON lines, each flushed as soon as it is written, so what finished survives the
 * JVM. The events, in the field {@code event}:
 * <ul>
 *   <li>{@code started}: a test or container began ({@code id}, {@code class}, {@code method}, {@code name});
 *   <li>{@code finished}: it ended, with {@code test} (false for a container), {@code status}
 *       (PASSED, FAILED, ERROR, SKIPPED), {@code millis}, and when it did not pass {@code type},
 *       {@code message}, {@code stack}; a test also has {@code stdout} and {@code stderr};
 *   <li>{@code missing}: a selector names a class or method that is not on the class path;
 *   <li>{@code fatal}: the request cannot run ({@code message});
 *   <li>{@code aborted}: the launcher threw ({@code type}, {@code message}), e.g. out of memory;
 *   <li>{@code exit}: the JVM is shutting down before the run ended (a test called {@code System.exit});
 *   <li>{@code end}: every selected test ran.
 * </ul>
 */
final class RecordWriter {
    private final BufferedWriter out;
    private boolean ended;

    private RecordWriter(BufferedWriter out) {
        this.out = out;
    }

    static RecordWriter open(Path file) throws IOException {
        return new RecordWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8)));
    }

    /** Writes an {@code exit} record if the JVM shuts down before {@link #end}. */
    void exitHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (this) {
                if (!ended) {
                    write(new JsonLine().put("event", "exit"));
                }
            }
        }, "dtf-junit-exit"));
    }

    synchronized void write(JsonLine record) {
        try {
            out.write(record.toString());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a test record", e);
        }
    }

    synchronized void fatal(String message) {
        System.err.println(message);
        write(new JsonLine().put("event", "fatal").put("message", message));
        ended = true;
    }

    synchronized void aborted(Throwable t) {
        write(new JsonLine().put("event", "aborted").put("type", t.getClass().getName())
                .put("message", Bounded.text(t.getMessage(), Bounded.MESSAGE_CHARS)));
        ended = true;
    }

    synchronized void end() {
        write(new JsonLine().put("event", "end"));
        ended = true;
    }
}
