package io.dtf.history;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a stream: comma-separated, fields optionally in double quotes (a quoted
 * field may hold commas, line breaks and doubled quotes), lines ended by LF or CRLF. A record
 * longer than {@code maxRecordChars} is refused rather than buffered, so a hostile file cannot
 * exhaust memory on one line.
 */
final class CsvRecords {
    private static final int EOF = -1;
    private static final int NONE = -2;

    private final Reader in;
    private final Path file;
    private final int maxRecordChars;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private int peeked = NONE;

    CsvRecords(Reader in, Path file, int maxRecordChars) {
        this.in = in;
        this.file = file;
        this.maxRecordChars = maxRecordChars;
    }

    /** The 1-based line on which the record last returned by {@link #next} began. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at the end of the input. Blank lines are skipped. */
    List<String> next() throws IOException {
        int c = read();
        while (c == '\n' || c == '\r') {
            c = afterLineBreak(c);
        }
        if (c == EOF) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>(12);
        StringBuilder field = new StringBuilder();
        int length = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (++length > maxRecordChars) {
                throw new HistoryImportException(file, recordLine, null,
                        "record longer than " + maxRecordChars + " characters");
            }
            if (quoted) {
                if (c == EOF) {
                    throw new HistoryImportException(file, recordLine, null, "quoted field not closed before the end of the file");
                } else if (c == '"') {
                    c = read();
                    if (c == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r' || c == EOF) {
                fields.add(field.toString());
                if (c != EOF) {
                    pushBack(afterLineBreak(c));
                }
                return fields;
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new HistoryImportException(file, line, null,
                            "stray quote in field " + (fields.size() + 1) + " (quote the whole field and double inner quotes)");
                }
                quoted = true;
                wasQuoted = true;
            } else if (wasQuoted) {
                throw new HistoryImportException(file, line, null,
                        "text after the closing quote of field " + (fields.size() + 1));
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** Consumes the rest of a line break starting with {@code c}; returns the character after it. */
    private int afterLineBreak(int c) throws IOException {
        int next = read();
        if (c == '\r' && next == '\n') {
            next = read();
        }
        line++;
        return next;
    }

    private void pushBack(int c) {
        peeked = c;
    }

    private int read() throws IOException {
        if (peeked != NONE) {
            int c = peeked;
            peeked = NONE;
            return c;
        }
        if (position >= limit) {
            if (limit == EOF) {
                return EOF;
            }
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                limit = EOF;
                return EOF;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++];
    }
}
