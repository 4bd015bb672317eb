package io.dtf.worker.jvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.model.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JMH's JSON result ({@code -rf json}) as metrics: one per benchmark and parameter set, named
 * {@code com.example.ParseBench.parse[size=100]} (with {@code :MODE} added when one run measured a
 * benchmark in several modes), in JMH's unit ({@code ops/s}, {@code us/op}), with every iteration's
 * score of every fork as its samples ({@code primaryMetric.rawData}; in sample-time mode each
 * iteration's mean from {@code rawDataHistogram}). Secondary metrics (profilers, e.g. {@code gc.alloc.rate})
 * become {@code NAME:SECONDARY}. Bounded: at most {@link #MAX_METRICS} metrics and {@link #MAX_SAMPLES}
 * samples in all, from a file of at most {@link #MAX_FILE_BYTES}.
 */
final class JmhResults {
    static final int MAX_METRICS = 1_000;
    static final int MAX_SAMPLES = 100_000;
    // A JSON tree takes several times its text in memory: JMH writes kilobytes, so this is generous.
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Metric> metrics = new ArrayList<>();
    int leftOut;
    private int samples;

    /** @throws IOException when the file cannot be read, is too large or is not JMH's JSON */
    static JmhResults read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException("JMH's result file is " + size + " bytes, over the limit of " + MAX_FILE_BYTES);
        }
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException("JMH's result file is not a JSON array");
        }
        Map<String, Integer> modes = new HashMap<>();
        for (JsonNode run : root) {
            modes.merge(name(run), 1, Integer::sum);
        }
        JmhResults results = new JmhResults();
        for (JsonNode run : root) {
            String name = name(run);
            if (modes.get(name) > 1) {
                name += ":" + run.path("mode").asText("?");
            }
            JsonNode primary = run.path("primaryMetric");
            results.add(name, primary);
            Iterator<Map.Entry<String, JsonNode>> secondary = run.path("secondaryMetrics").fields();
            while (secondary.hasNext()) {
                Map.Entry<String, JsonNode> s = secondary.next();
                results.add(name + ":" + s.getKey().replaceFirst("^\u00b7", ""), s.getValue());
            }
        }
        return results;
    }

    /** {@code benchmark[p1=v1,p2=v2]}, parameters in JMH's order; the bare benchmark without any. */
    static String name(JsonNode run) {
        StringBuilder name = new StringBuilder(run.path("benchmark").asText("(unnamed)"));
        Iterator<Map.Entry<String, JsonNode>> params = run.path("params").fields();
        if (params.hasNext()) {
            name.append('[');
            while (params.hasNext()) {
                Map.Entry<String, JsonNode> p = params.next();
                name.append(p.getKey()).append('=').append(p.getValue().asText());
                name.append(params.hasNext() ? "," : "]");
            }
        }
        return name.toString();
    }

    private void add(String name, JsonNode metric) {
        if (metrics.size() >= MAX_METRICS) {
            leftOut++;
            return;
        }
        List<Double> values = new ArrayList<>();
        JsonNode raw = metric.path("rawData");
        if (raw.isArray()) {
            for (JsonNode fork : raw) {
                for (JsonNode iteration : fork) {
                    sample(values, iteration.asDouble(Double.NaN));
                }
            }
        } else {
            for (JsonNode fork : metric.path("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    double sum = 0;
                    double count = 0;
                    for (JsonNode bin : iteration) {
                        sum += bin.path(0).asDouble() * bin.path(1).asDouble();
                        count += bin.path(1).asDouble();
                    }
                    sample(values, count > 0 ? sum / count : Double.NaN);
                }
            }
        }
        if (values.isEmpty()) { // no raw data (an old JMH): the score is the one sample there is
            sample(values, metric.path("score").asDouble(Double.NaN));
        }
        if (values.isEmpty()) {
            leftOut++;
            return;
        }
        metrics.add(new Metric(name, metric.path("scoreUnit").asText(""), values));
    }

    private void sample(List<Double> values, double value) {
        if (Double.isFinite(value) && samples < MAX_SAMPLES) {
            values.add(value);
            samples++;
        }
    }
}
