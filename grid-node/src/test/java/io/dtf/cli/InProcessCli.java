package io.dtf.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a {@code dtf} command line in this JVM, capturing what it prints: for commands that need no
 * node (reading a DuckDB file, parsing options). Commands that start nodes run through {@link Launcher}.
 *
 * <pre>{@code
 * Launcher.Outcome o = InProcessCli.dtf("logs", "run-1", "bench", "--db", db.toString());
 * assertEquals(0, o.exitCode(), o.err());
 * }</pre>
 */
public final class InProcessCli {
    private InProcessCli() {
    }

    /** Not thread-safe: it swaps {@code System.out} and {@code System.err} while the command runs. */
    public static Launcher.Outcome dtf(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            int code = DtfCli.execute(args);
            return new Launcher.Outcome(code, capturedOut.toString(StandardCharsets.UTF_8),
                    capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
