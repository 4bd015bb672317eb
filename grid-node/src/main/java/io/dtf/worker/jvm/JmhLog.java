package io.dtf.worker.jvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What JMH's human-readable log ({@code -o FILE}) says that its JSON result does not: which benchmarks
 * threw. JMH goes on with the next benchmark after one throws (unless {@code -foe true}) and leaves
 * the failed one out of the JSON, so the log is where its name is: the {@code # Benchmark:} and
 * {@code # Parameters:} lines before a {@code <failure>} line, and the exception after it.
 * Also keeps the log's end, for the attempt's stdout.
 */
final class JmhLog {
    private static final int MAX_FAILURES = 100;
    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final long MAX_BYTES = 512L * 1024 * 1024;

    /** A benchmark (with its parameters, as a metric names it) that threw, and the exception's first line. */
    record Failure(String benchmark, String exception) {
    }

    final List<Failure> failures = new ArrayList<>();
    boolean noMatchingBenchmarks;
    String commandLineError;
    private final StringBuilder tail = new StringBuilder();
    private final int tailChars;
    private String benchmark;
    private String params = "";
    private boolean afterFailure;

    private JmhLog(int tailChars) {
        this.tailChars = tailChars;
    }

    static JmhLog read(Path file, int tailChars) throws IOException {
        JmhLog log = new JmhLog(tailChars);
        new BoundedLines(MAX_LINE_BYTES, MAX_BYTES).read(file, log::accept);
        return log;
    }

    /** The log's last characters. */
    String tail() {
        return tail.length() <= tailChars ? tail.toString() : tail.substring(tail.length() - tailChars);
    }

    private void accept(String line) {
        tail.append(line).append('\n');
        if (tail.length() > 2 * tailChars) {
            tail.delete(0, tail.length() - tailChars);
        }
        if (line.startsWith("# Benchmark: ")) {
            benchmark = line.substring("# Benchmark: ".length()).strip();
            params = "";
        } else if (line.startsWith("# Parameters: (") && line.endsWith(")")) {
            params = "[" + line.substring("# Parameters: (".length(), line.length() - 1).replace(" = ", "=")
                    .replace(", ", ",") + "]";
        } else if (line.strip().endsWith("<failure>")) { // "Iteration   1: <failure>", or alone
            afterFailure = true;
        } else if (afterFailure && !line.isBlank()) {
            afterFailure = false;
            if (failures.size() < MAX_FAILURES) {
                String name = benchmark == null ? "(unknown benchmark)" : benchmark + params;
                failures.add(new Failure(name, line.length() > 500 ? line.substring(0, 500) + "..." : line.strip()));
            }
        } else if (line.startsWith("No matching benchmarks")) {
            noMatchingBenchmarks = true;
        } else if (line.startsWith("Error parsing command line:")) {
            commandLineError = line;
        }
    }
}
