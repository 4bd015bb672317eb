package io.dtf.history;

import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.Direction;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Loads history from CSV, one row per sample, into a results database: the format is in
 * docs/ANALYSIS-FORMAT.md.
 *
 * <pre>{@code
 * run,timestamp,benchmark,params,metric,unit,hardware,value
 * r1,2024-05-01T10:00:00Z,copy,size=1M;threads=4,throughput,MB/s,x86-8c,512.5
 * }</pre>
 *
 * <pre>{@code
 * try (DuckDbResultStore store = DuckDbResultStore.open(Path.of("history.duckdb"))) {
 *     ImportSummary done = new CsvHistoryImporter().importFile(Path.of("history.csv"), store);
 * }
 * }</pre>
 *
 * The whole file is stored in one transaction, or, on the first bad row, none of it.
 */
public final class CsvHistoryImporter {
    /** The columns every file has, in any order. */
    public static final List<String> REQUIRED = List.of("run", "timestamp", "benchmark", "params", "metric", "unit",
            "hardware", "value");
    /** Columns a file may add. */
    public static final List<String> OPTIONAL = List.of("direction", "commit", "branch");
    /** A longer record is refused: no honest sample row comes near it. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    /** Parses and stores {@code file}; throws {@link HistoryImportException} naming the line and column at fault. */
    public ImportSummary importFile(Path file, DuckDbResultStore store) {
        HistoryBatch batch = parse(file);
        return HistoryWriter.write(store, batch, file);
    }

    /** Parses {@code file} into results without storing anything. */
    HistoryBatch parse(Path file) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            return parse(new CsvRecords(reader, file, MAX_RECORD_CHARS), file);
        } catch (CharacterCodingException e) {
            throw new HistoryImportException(file, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new HistoryImportException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static HistoryBatch parse(CsvRecords records, Path file) throws IOException {
        List<String> header = records.next();
        if (header == null) {
            throw new HistoryImportException(file, 1, null, "the file is empty; expected the header "
                    + String.join(",", REQUIRED));
        }
        Columns columns = Columns.of(header, file, records.recordLine());
        HistoryBatch batch = new HistoryBatch();
        Map<String, SortedMap<String, String>> paramsSeen = new HashMap<>();
        String lastTimeText = null;
        Instant lastTime = null;
        List<String> row;
        while ((row = records.next()) != null) {
            long line = records.recordLine();
            if (row.size() != columns.count) {
                throw new HistoryImportException(file, line, null,
                        "has " + row.size() + " fields, the header has " + columns.count);
            }
            Row r = new Row(row, columns, file, line);
            String paramsText = r.text("params", true);
            SortedMap<String, String> params = paramsSeen.get(paramsText);
            if (params == null) {
                params = Params.parse(paramsText, text -> new HistoryImportException(file, line, "params", text));
                paramsSeen.put(paramsText, params);
            }
            HistoryBatch.ResultKey key = new HistoryBatch.ResultKey(r.text("run", false), r.text("benchmark", false),
                    params, r.text("hardware", false));
            String timeText = r.text("timestamp", false);
            if (!timeText.equals(lastTimeText)) {
                // Rows of a run share their time: parse each distinct text once.
                lastTime = Timestamps.parse(timeText, text -> new HistoryImportException(file, line, "timestamp", text));
                lastTimeText = timeText;
            }
            HistoryBatch.Result result = batch.result(key, lastTime, r.optional(columns.commit), r.optional(columns.branch));
            String metric = r.text("metric", false);
            String unit = r.text("unit", true);
            Direction direction = direction(r.optional(columns.direction), file, line);
            HistoryBatch.Samples samples = result.metrics.computeIfAbsent(metric,
                    m -> new HistoryBatch.Samples(unit, direction));
            if (!samples.unit.equals(unit)) {
                throw new HistoryImportException(file, line, "unit", "metric '" + metric + "' was in '" + samples.unit
                        + "' on an earlier line of the same run and benchmark, here in '" + unit + "'");
            }
            if (direction != null && samples.direction != direction) {
                throw new HistoryImportException(file, line, "direction", "metric '" + metric
                        + "' had another direction on an earlier line of the same run and benchmark");
            }
            samples.add(Numbers.parseFinite(r.text("value", false),
                    text -> new HistoryImportException(file, line, "value", text)));
            batch.counted(1);
        }
        if (batch.samples() == 0) {
            throw new HistoryImportException(file, records.recordLine(), null, "has a header but no rows");
        }
        return batch;
    }

    private static Direction direction(String text, Path file, long line) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "higher", "higher_is_better", "up" -> Direction.HIGHER_IS_BETTER;
            case "lower", "lower_is_better", "down" -> Direction.LOWER_IS_BETTER;
            default -> throw new HistoryImportException(file, line, "direction",
                    "'" + text + "' is not a direction: use higher or lower (or leave it empty)");
        };
    }

    /** Where each named column is in a row; -1 when an optional one is absent. */
    private record Columns(int count, Map<String, Integer> index, int direction, int commit, int branch) {
        static Columns of(List<String> header, Path file, long line) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (i == 0 && name.startsWith("\uFEFF")) {
                    name = name.substring(1);
                }
                if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                    throw new HistoryImportException(file, line, name, "unknown column; the columns are "
                            + String.join(",", REQUIRED) + " and optionally " + String.join(",", OPTIONAL));
                }
                if (index.put(name, i) != null) {
                    throw new HistoryImportException(file, line, name, "the column appears twice in the header");
                }
            }
            List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new HistoryImportException(file, line, null, "the header lacks the column(s) "
                        + String.join(",", missing) + "; expected " + String.join(",", REQUIRED));
            }
            return new Columns(header.size(), index, index.getOrDefault("direction", -1),
                    index.getOrDefault("commit", -1), index.getOrDefault("branch", -1));
        }
    }

    /** One data row, read by column name. */
    private record Row(List<String> fields, Columns columns, Path file, long line) {
        String text(String column, boolean mayBeEmpty) {
            String value = fields.get(columns.index.get(column)).strip();
            if (value.isEmpty() && !mayBeEmpty) {
                throw new HistoryImportException(file, line, column, "is empty");
            }
            return value;
        }

        String optional(int index) {
            if (index < 0) {
                return null;
            }
            String value = fields.get(index).strip();
            return value.isEmpty() ? null : value;
        }
    }
}
