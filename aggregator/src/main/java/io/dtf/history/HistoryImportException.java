package io.dtf.history;

import java.nio.file.Path;

/**
 * Input that cannot be imported, with where it is: the file and, when known, the line and column.
 * Nothing of the file is stored when this is thrown.
 */
public final class HistoryImportException extends RuntimeException {
    private final transient Path file;
    private final long line;
    private final String column;

    public HistoryImportException(Path file, long line, String column, String problem) {
        super(where(file, line, column) + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public HistoryImportException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.line = 0;
        this.column = null;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line where the problem is, 0 when it is not about one line. */
    public long line() {
        return line;
    }

    /** The column's name, or null when the problem is not about one column. */
    public String column() {
        return column;
    }

    private static String where(Path file, long line, String column) {
        return file + (line > 0 ? ", line " + line : "") + (column != null ? ", column '" + column + "'" : "");
    }
}
