package io.dtf.worker.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.model.Metric;
import io.dtf.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads metrics from a command's output, one line at a time, as the output streams by. Two forms,
 * each alone on its line (leading and trailing blanks allowed):
 * <pre>
 * DTF_METRIC latency=12.5 ms
 * {"dtf_metric": "latency", "value": 12.5, "unit": "ms"}
 * </pre>
 * A name is a letter or {@code _} then up to 127 letters, digits or {@code _ . - : /}; a value is a
 * finite decimal number (exponent allowed); the unit is optional (the rest of the text line, at most
 * 32 characters). Every line with the same name adds a sample, in order, to one {@link Metric}; the
 * first line fixes the unit, and a later line with another unit is ignored.
 *
 * <p>A bad line is ignored and counted ({@link #ignoredLines()}), never fatal. At most
 * {@code maxMetrics} names and {@code maxSamples} samples in all are kept, so that no output can
 * exhaust the worker's memory; what is over the limits is counted as ignored. Not thread-safe for
 * concurrent writers: one stream feeds one parser (the runner feeds it stdout only).
 */
public final class MetricLineParser {
    public static final String PREFIX = "DTF_METRIC";
    public static final int DEFAULT_MAX_METRICS = 1_000;
    public static final int DEFAULT_MAX_SAMPLES = 100_000;
    /** Longer lines are not metric lines; the output pump does not even assemble them. */
    public static final int MAX_LINE_CHARS = 4096;
    static final int MAX_UNIT_CHARS = 32;

    private static final Logger LOG = LoggerFactory.getLogger(MetricLineParser.class);
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_.:/-]{0,127}";
    private static final Pattern NAME_ONLY = Pattern.compile(NAME);
    private static final Pattern TEXT_LINE = Pattern.compile(
            PREFIX + "\\s+(" + NAME + ")=([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)(?:\\s+(.*))?");
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LOGGED = 10;

    private final int maxMetrics;
    private final int maxSamples;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private int samples;
    private long ignored;

    public MetricLineParser() {
        this(DEFAULT_MAX_METRICS, DEFAULT_MAX_SAMPLES);
    }

    public MetricLineParser(int maxMetrics, int maxSamples) {
        this.maxMetrics = maxMetrics;
        this.maxSamples = maxSamples;
    }

    /** Reads one line (without its line terminator); lines that are not metric lines are skipped. */
    public synchronized void accept(String line) {
        String text = line.strip();
        if (text.length() > MAX_LINE_CHARS) {
            if (text.startsWith(PREFIX) || text.startsWith("{")) {
                ignore(text, "line longer than " + MAX_LINE_CHARS + " characters");
            }
        } else if (text.startsWith(PREFIX)) {
            acceptText(text);
        } else if (text.startsWith("{") && text.contains("\"dtf_metric\"")) {
            acceptJson(text);
        }
    }

    /** Like {@link #accept(String)} for raw UTF-8 bytes; decodes only lines that may be metric lines. */
    synchronized void accept(byte[] line, int length) {
        int start = 0;
        while (start < length && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        boolean candidate = start < length && (line[start] == '{' || startsWithPrefix(line, start, length));
        if (!candidate) {
            return;
        }
        if (samples >= maxSamples) {
            ignored++; // cheap path for a flood of metric lines: nothing more can be kept anyway
            return;
        }
        accept(new String(line, 0, length, StandardCharsets.UTF_8));
    }

    /** The metrics read so far, in the order their names first appeared. */
    public synchronized List<Metric> metrics() {
        List<Metric> out = new ArrayList<>(series.size());
        series.forEach((name, s) -> out.add(new Metric(name, s.unit, s.samples)));
        return out;
    }

    /** Lines that looked like metric lines but were malformed or over a limit. */
    public synchronized long ignoredLines() {
        return ignored;
    }

    private void acceptText(String text) {
        Matcher m = TEXT_LINE.matcher(text);
        if (!m.matches()) {
            ignore(text, "not of the form " + PREFIX + " name=value [unit]");
            return;
        }
        String unit = m.group(3) == null ? "" : m.group(3).strip();
        add(text, m.group(1), Double.parseDouble(m.group(2)), unit);
    }

    private void acceptJson(String text) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (Exception e) {
            ignore(text, "not valid JSON");
            return;
        }
        JsonNode name = node.path("dtf_metric");
        JsonNode value = node.path("value");
        JsonNode unit = node.path("unit");
        if (!name.isTextual() || !NAME_ONLY.matcher(name.asText()).matches()) {
            ignore(text, "dtf_metric is not a valid metric name");
        } else if (!value.isNumber()) {
            ignore(text, "value is not a number");
        } else if (!unit.isMissingNode() && !unit.isNull() && !unit.isTextual()) {
            ignore(text, "unit is not text");
        } else {
            add(text, name.asText(), value.asDouble(), unit.isTextual() ? unit.asText().strip() : "");
        }
    }

    private void add(String text, String name, double value, String unit) {
        if (!Double.isFinite(value)) {
            ignore(text, "value is not finite");
            return;
        }
        if (unit.length() > MAX_UNIT_CHARS || unit.chars().anyMatch(Character::isISOControl)) {
            ignore(text, "unit longer than " + MAX_UNIT_CHARS + " characters or not printable");
            return;
        }
        if (samples >= maxSamples) {
            ignore(text, "more than " + maxSamples + " samples");
            return;
        }
        Series s = series.get(name);
        if (s == null) {
            if (series.size() >= maxMetrics) {
                ignore(text, "more than " + maxMetrics + " metrics");
                return;
            }
            s = new Series(unit);
            series.put(name, s);
        } else if (!s.unit.equals(unit)) {
            ignore(text, "unit '" + unit + "' differs from the first sample's '" + s.unit + "'");
            return;
        }
        s.samples.add(value);
        samples++;
    }

    private void ignore(String text, String reason) {
        ignored++;
        if (ignored <= MAX_LOGGED && LOG.isDebugEnabled()) {
            String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            LOG.debug("ignored metric line ({}): {}", reason, shown);
        }
    }

    private static boolean startsWithPrefix(byte[] line, int start, int length) {
        if (length - start < PREFIX_BYTES.length) {
            return false;
        }
        for (int i = 0; i < PREFIX_BYTES.length; i++) {
            if (line[start + i] != PREFIX_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    private static final class Series {
        final String unit;
        final List<Double> samples = new ArrayList<>();

        Series(String unit) {
            this.unit = unit;
        }
    }
}
