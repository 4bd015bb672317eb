package io.dtf.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Loads a JMH result file (the array that {@code -rf json} writes) into a results database. Each
 * benchmark entry becomes one result of the run: its primary metric is named after the mode
 * ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss}) with every iteration of every fork as
 * a sample ({@code rawData}), its secondary metrics by their own names.
 *
 * <pre>{@code
 * ImportSummary done = new JmhJsonImporter("nightly-42", null, "x86-8c").importFile(Path.of("jmh.json"), store);
 * }</pre>
 */
public final class JmhJsonImporter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(64).maxStringLength(1 << 20).build());
    }

    private final String run;
    private final Instant timestamp;
    private final String hardware;

    /**
     * @param run       the run id; null for the file name without its extension
     * @param timestamp the run's time; null for the file's modification time
     * @param hardware  the hardware class it ran on; null for {@code unknown}
     */
    public JmhJsonImporter(String run, Instant timestamp, String hardware) {
        this.run = run;
        this.timestamp = timestamp;
        this.hardware = hardware == null || hardware.isBlank() ? "unknown" : hardware;
    }

    /** Parses and stores {@code file} in one transaction; throws {@link HistoryImportException} on bad input. */
    public ImportSummary importFile(Path file, DuckDbResultStore store) {
        return HistoryWriter.write(store, parse(file), file);
    }

    HistoryBatch parse(Path file) {
        JsonNode root;
        Instant time;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
            time = timestamp != null ? timestamp : Files.getLastModifiedTime(file).toInstant();
        } catch (JsonProcessingException e) {
            throw new HistoryImportException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HistoryImportException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new HistoryImportException(file, 1, null, "is not a JMH result file: expected a JSON array (-rf json)");
        }
        String runId = run != null ? run : defaultRun(file);
        HistoryBatch batch = new HistoryBatch();
        int index = 0;
        for (JsonNode entry : root) {
            String where = "entry " + (++index);
            String benchmark = text(entry, "benchmark", file, where);
            String mode = text(entry, "mode", file, where);
            SortedMap<String, String> params = new TreeMap<>();
            JsonNode paramsNode = entry.path("params");
            for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                params.put(p.getKey(), p.getValue().asText());
            }
            HistoryBatch.Result result = batch.result(new HistoryBatch.ResultKey(runId, benchmark, params, hardware),
                    time, null, null);
            if (result.metrics.containsKey(mode)) {
                throw new HistoryImportException(file, 0, null, where + " repeats benchmark '" + benchmark
                        + "' with the same params and mode");
            }
            Direction primary = "thrpt".equals(mode) ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
            metric(batch, result, mode, entry.path("primaryMetric"), primary, file, where + " primaryMetric");
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> secondary = it.next();
                JsonNode unit = secondary.getValue().path("scoreUnit");
                metric(batch, result, secondary.getKey(), secondary.getValue(), Direction.fromUnit(unit.asText()),
                        file, where + " secondaryMetrics." + secondary.getKey());
            }
        }
        if (batch.samples() == 0) {
            throw new HistoryImportException(file, 0, null, "holds no benchmark results");
        }
        return batch;
    }

    private static void metric(HistoryBatch batch, HistoryBatch.Result result, String name, JsonNode metric,
                               Direction direction, Path file, String where) {
        if (!metric.isObject()) {
            throw new HistoryImportException(file, 0, null, where + " is missing");
        }
        HistoryBatch.Samples samples = new HistoryBatch.Samples(metric.path("scoreUnit").asText(""), direction);
        JsonNode raw = metric.path("rawData");
        if (raw.isArray() && !raw.isEmpty()) {
            for (JsonNode fork : raw) {
                for (JsonNode value : fork) {
                    samples.add(number(value, file, where + ".rawData"));
                }
            }
        } else {
            samples.add(number(metric.path("score"), file, where + ".score"));
        }
        result.metrics.put(name, samples);
        batch.counted(samples.size());
    }

    private static double number(JsonNode value, Path file, String where) {
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new HistoryImportException(file, 0, null, where + " holds '" + Numbers.shorten(value.toString())
                    + "', not a finite number");
        }
        return value.asDouble();
    }

    private static String text(JsonNode entry, String field, Path file, String where) {
        JsonNode node = entry.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new HistoryImportException(file, 0, null, where + " has no '" + field + "'");
        }
        return node.asText();
    }

    private static String defaultRun(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
