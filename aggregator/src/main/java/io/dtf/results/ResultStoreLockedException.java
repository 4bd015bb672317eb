package io.dtf.results;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another process holds the DuckDB file open, so this one may not even read it: DuckDB lets one
 * process open a file, and then locks every other out. In DTF that process is the aggregator node
 * (a {@code dtf node}, or the embedded node of a {@code dtf run}) that writes the file; readers ask it
 * through the grid instead.
 */
public class ResultStoreLockedException extends ResultStoreException {
    // DuckDB's words for a file another process holds (1.4): Could not set lock on file "…": Conflicting lock
    // is held in /usr/bin/java (PID 4711). See also https://duckdb.org/docs/stable/connect/concurrency
    private static final String LOCK_ERROR = "Could not set lock on file";
    private static final Pattern HOLDER = Pattern.compile("held in (.+?) \\(PID (\\d+)\\)");

    private final Path file;
    private final OptionalLong holderPid;

    private ResultStoreLockedException(Path file, OptionalLong holderPid, String holder) {
        // No cause: the holder DuckDB named is in this message, and callers that print the root cause (the CLI)
        // should print this sentence.
        super(file + " is held open by another process (" + holder + "): DuckDB lets no other process open it "
                + "meanwhile", null);
        this.file = file;
        this.holderPid = holderPid;
    }

    /** The exception for DuckDB's lock error when opening {@code file}, or null when {@code error} is another. */
    public static ResultStoreLockedException of(Path file, Throwable error) {
        String message = error.getMessage();
        if (message == null || !message.contains(LOCK_ERROR)) {
            return null;
        }
        Matcher m = HOLDER.matcher(message);
        if (!m.find()) {
            return new ResultStoreLockedException(file, OptionalLong.empty(), "process unknown");
        }
        return new ResultStoreLockedException(file, OptionalLong.of(Long.parseLong(m.group(2))),
                "process " + m.group(2) + ", " + m.group(1));
    }

    public Path file() {
        return file;
    }

    /** The process that holds the file, when DuckDB said which. */
    public OptionalLong holderPid() {
        return holderPid;
    }
}
