package io.dtf.simulation;

import java.nio.file.Path;

/**
 * A simulation input that cannot be used, located precisely enough to fix:
 * {@code workers.csv:4:12: speed: 'fast' is not a number; write a positive number such as 1.5}.
 * Line and column are 1-based; 0 when the problem is the whole file.
 */
public final class InputException extends Exception {
    private final transient Path file;

    public InputException(Path file, long line, int column, String field, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": "
                + (field == null ? "" : field + ": ") + problem);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
