package io.dtf.simulation;

import io.dtf.wire.SafeText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV file read whole and checked before anything trusts it: its size, line count and line
 * length are bounded, it must be UTF-8, and its header must name the expected columns in order.
 * Fields are separated by commas and may be quoted ({@code "gpu.vendor in [nvidia, amd]"}, inner
 * quotes doubled); a record is one line. Blank lines and lines starting with {@code #} are skipped.
 */
final class CsvFile {
    static final int MAX_LINE_CHARS = 4_096;

    /** A field and the 1-based column it starts at. */
    record Field(String text, int column) {
    }

    /** One record, with its 1-based line number, to locate any error in it. */
    record Row(Path file, long line, List<Field> fields) {
        /** The field at {@code index} (0-based), or null when the line is shorter. */
        Field field(int index) {
            return index < fields.size() ? fields.get(index) : null;
        }

        InputException error(int index, String name, String problem) {
            Field f = field(index);
            return new InputException(file, line, f == null ? 0 : f.column(), name, problem);
        }
    }

    private final Path file;
    private final List<Row> rows;

    private CsvFile(Path file, List<Row> rows) {
        this.file = file;
        this.rows = rows;
    }

    /**
     * Reads {@code file}, whose first record must be {@code required} columns followed by any prefix of
     * {@code optional} ones.
     */
    static CsvFile read(Path file, long maxBytes, int maxRows, List<String> required, List<String> optional)
            throws InputException {
        String text;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InputException(file, 0, 0, null, "the file has " + size + " bytes, more than the "
                        + maxBytes + " accepted; split the input or generate it with --generate");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new InputException(file, 0, 0, null, "no such file");
        } catch (CharacterCodingException e) {
            throw new InputException(file, 0, 0, null, "not UTF-8 text; save it as UTF-8 CSV");
        } catch (IOException e) {
            throw new InputException(file, 0, 0, null, "cannot be read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = new ArrayList<>();
        Row header = null;
        int start = 0;
        long line = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            String content = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            line++;
            if (content.isBlank() || content.startsWith("#")) {
                continue;
            }
            Row row = new Row(file, line, split(file, line, content));
            if (header == null) {
                header = row;
                checkHeader(header, required, optional);
            } else {
                if (rows.size() == maxRows) {
                    throw new InputException(file, line, 0, null, "more than " + maxRows
                            + " records; that is the most one simulation reads");
                }
                if (row.fields().size() > header.fields().size()) {
                    throw row.error(header.fields().size(), null, "more fields than the header's "
                            + header.fields().size() + "; quote a field that holds a comma");
                }
                rows.add(row);
            }
        }
        if (header == null) {
            throw new InputException(file, 0, 0, null, "empty; the first line must be the header "
                    + String.join(",", required));
        }
        return new CsvFile(file, rows);
    }

    Path file() {
        return file;
    }

    List<Row> rows() {
        return rows;
    }

    private static void checkHeader(Row header, List<String> required, List<String> optional)
            throws InputException {
        List<String> expected = new ArrayList<>(required);
        expected.addAll(optional);
        String wanted = "the header must be " + String.join(",", required)
                + (optional.isEmpty() ? "" : " optionally followed by " + String.join(",", optional));
        if (header.fields().size() < required.size() || header.fields().size() > expected.size()) {
            throw new InputException(header.file(), header.line(), 1, "header", wanted);
        }
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).text().strip();
            if (!name.equalsIgnoreCase(expected.get(i))) {
                throw header.error(i, "header", "column " + (i + 1) + " is '" + abbreviated(name) + "', expected '"
                        + expected.get(i) + "'; " + wanted);
            }
        }
    }

    private static List<Field> split(Path file, long line, String content) throws InputException {
        if (content.length() > MAX_LINE_CHARS) {
            throw new InputException(file, line, MAX_LINE_CHARS + 1, null, "line longer than " + MAX_LINE_CHARS
                    + " characters");
        }
        List<Field> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            int column = i + 1;
            field.setLength(0);
            if (i < content.length() && content.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= content.length()) {
                        throw new InputException(file, line, column, null, "quoted field not closed on its line;"
                                + " end it with \" (double a quote inside it)");
                    }
                    char c = content.charAt(i++);
                    if (c == '"') {
                        if (i < content.length() && content.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < content.length() && content.charAt(i) != ',') {
                    throw new InputException(file, line, i + 1, null, "text after the closing quote of a field;"
                            + " put the whole field inside the quotes");
                }
            } else {
                while (i < content.length() && content.charAt(i) != ',') {
                    char c = content.charAt(i);
                    if (c == '"') {
                        throw new InputException(file, line, i + 1, null, "stray quote; quote the whole field and"
                                + " double the quotes inside it");
                    }
                    field.append(c);
                    i++;
                }
            }
            for (int k = 0; k < field.length(); k++) {
                if (Character.isISOControl(field.charAt(k)) && field.charAt(k) != '\t') {
                    throw new InputException(file, line, column, null, "control character in a field; write plain"
                            + " text");
                }
            }
            fields.add(new Field(field.toString().strip(), column));
            if (i >= content.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    static String abbreviated(String text) {
        return SafeText.abbreviated(text, 60);
    }
}
