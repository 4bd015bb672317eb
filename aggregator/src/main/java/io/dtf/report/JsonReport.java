package io.dtf.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dtf.stats.ChangePoint;
import io.dtf.stats.Forecast;
import io.dtf.stats.Latest;
import io.dtf.stats.Outlier;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.Trend;
import io.dtf.stats.descriptive.Interval;
import io.dtf.stats.dimensions.BenchmarkDimensions;
import io.dtf.stats.dimensions.BestConfiguration;
import io.dtf.stats.dimensions.DimensionEffect;
import io.dtf.stats.flaky.AttributeCorrelation;
import io.dtf.stats.flaky.FailureSignature;
import io.dtf.stats.flaky.FlakyTest;
import io.dtf.stats.flaky.InfrastructureFailureCount;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code dtf analyze --format json}: one object per series, then the {@link Findings} (flaky tests,
 * failure signatures, hardware correlations, infrastructure failures, dimensions), field by field as in
 * docs/ANALYSIS-FORMAT.md. Numbers that are not finite are written as null, so any JSON reader
 * accepts the output.
 *
 * <pre>{@code
 * String json = JsonReport.render(analyses, findings);
 * }</pre>
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The series only; the findings' sections are empty. */
    public static String render(List<SeriesAnalysis> analyses) {
        return render(analyses, Findings.none());
    }

    public static String render(List<SeriesAnalysis> analyses, Findings findings) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("needsAttention", Attention.of(analyses).flagged().size());
        root.put("ingestConflicts", findings.ingestConflicts());
        ArrayNode series = root.putArray("series");
        analyses.forEach(a -> series.add(series(a)));
        ArrayNode flaky = root.putArray("flakyTests");
        findings.flakyTests().forEach(f -> flaky.add(flaky(f)));
        ArrayNode signatures = root.putArray("failureSignatures");
        findings.failureSignatures().forEach(f -> signatures.add(signature(f)));
        ArrayNode correlations = root.putArray("hardwareCorrelations");
        findings.hardwareCorrelations().forEach(c -> correlations.add(correlation(c)));
        ArrayNode byHardware = root.putArray("infrastructureFailuresByHardware");
        findings.infrastructureByHardware().forEach(c -> byHardware.add(infrastructure(c)));
        ArrayNode byNode = root.putArray("infrastructureFailuresByNode");
        findings.infrastructureByNode().forEach(c -> byNode.add(infrastructure(c)));
        ArrayNode dimensions = root.putArray("dimensions");
        findings.dimensions().benchmarks().forEach(b -> dimensions.add(dimensions(b)));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the analysis as JSON", e);
        }
    }

    private static ObjectNode series(SeriesAnalysis a) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("benchmark", a.key().benchmark());
        strings(s.putObject("params"), a.key().params());
        s.put("metric", a.key().metric());
        s.put("unit", a.key().unit());
        s.put("hardware", a.key().hardware());
        strings(s.putObject("context"), a.key().context());
        s.put("direction", a.direction() == null ? null : a.direction().name());
        s.put("runs", a.runs());
        s.put("needsAttention", a.needsAttention() || Attention.recentChangePoint(a) != null);
        ArrayNode changePoints = s.putArray("changePoints");
        for (ChangePoint cp : a.changePoints()) {
            ObjectNode c = changePoints.addObject();
            c.put("run", cp.run());
            c.put("timestamp", cp.timestamp() == null ? null : cp.timestamp().toString());
            number(c, "changePercent", cp.changePercent());
            number(c, "pValue", cp.pValue());
        }
        ArrayNode outliers = s.putArray("outliers");
        for (Outlier o : a.outliers()) {
            ObjectNode n = outliers.addObject();
            n.put("run", o.run());
            number(n, "value", o.value());
            number(n, "score", o.score());
        }
        Trend trend = a.trend();
        if (trend == null) {
            s.putNull("trend");
        } else {
            ObjectNode t = s.putObject("trend");
            number(t, "slope", trend.slope());
            number(t, "slopePercentPerRun", trend.slopePercentPerRun());
            number(t, "pValue", trend.pValue());
            t.put("significant", trend.significant());
        }
        Forecast forecast = a.forecast();
        if (forecast == null) {
            s.putNull("forecast");
        } else {
            ObjectNode f = s.putObject("forecast");
            f.put("method", forecast.method());
            numbers(f.putArray("values"), forecast.values());
            numbers(f.putArray("lower"), forecast.lower());
            numbers(f.putArray("upper"), forecast.upper());
        }
        Latest latest = a.latest();
        if (latest == null) {
            s.putNull("latest");
        } else {
            ObjectNode l = s.putObject("latest");
            l.put("run", latest.run());
            l.put("verdict", latest.verdict() == null ? null : latest.verdict().name());
            number(l, "changePercent", latest.changePercent());
            number(l, "ciLowPercent", latest.ciLowPercent());
            number(l, "ciHighPercent", latest.ciHighPercent());
            number(l, "pValue", latest.pValue());
            number(l, "qValue", latest.qValue());
            l.put("baselineRuns", latest.baselineRuns());
        }
        return s;
    }

    private static ObjectNode flaky(FlakyTest f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("test", f.test());
        n.put("commit", f.commit());
        n.put("hardware", f.hardware());
        n.put("passes", f.passes());
        n.put("flakyPasses", f.flakyPasses());
        n.put("failures", f.failures());
        number(n, "failureRate", f.failureRate());
        return n;
    }

    private static ObjectNode signature(FailureSignature f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("signature", f.signature());
        n.put("category", f.category().name());
        n.put("count", f.count());
        ArrayNode tests = n.putArray("tests");
        f.tests().forEach(tests::add);
        return n;
    }

    private static ObjectNode correlation(AttributeCorrelation c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("test", c.test());
        n.put("attribute", c.attribute());
        n.put("value", c.value());
        n.put("failedWith", c.failedWith());
        n.put("passedWith", c.passedWith());
        n.put("failedWithout", c.failedWithout());
        n.put("passedWithout", c.passedWithout());
        number(n, "failureRateDifference", c.failureRateDifference());
        number(n, "pValue", c.pValue());
        number(n, "qValue", c.qValue());
        return n;
    }

    private static ObjectNode infrastructure(InfrastructureFailureCount c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("hardware", c.hardware());
        if (c.node() != null) {
            n.put("node", c.node());
        }
        n.put("attempts", c.attempts());
        n.put("failures", c.failures());
        number(n, "failureRate", c.failureRate());
        ObjectNode categories = n.putObject("categories");
        c.categories().forEach((category, count) -> categories.put(category.name(), count));
        return n;
    }

    private static ObjectNode dimensions(BenchmarkDimensions b) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("benchmark", b.benchmark());
        n.put("metric", b.metric());
        n.put("unit", b.unit());
        n.put("series", b.series());
        if (b.dimensions().isEmpty()) {
            n.putNull("strongest");
        } else {
            DimensionEffect top = b.dimensions().get(0);
            ObjectNode d = n.putObject("strongest");
            d.put("dimension", top.dimension());
            d.put("values", top.values());
            number(d, "h", top.h());
            number(d, "pValue", top.pValue());
            number(d, "epsilonSquared", top.epsilonSquared());
        }
        BestConfiguration best = b.best();
        if (best == null) {
            n.putNull("best");
        } else {
            ObjectNode d = n.putObject("best");
            configuration(d.putObject("configuration"), best.best(), best.median(), best.interval());
            configuration(d.putObject("runnerUp"), best.runnerUp(), best.runnerUpMedian(), best.runnerUpInterval());
        }
        return n;
    }

    private static void configuration(ObjectNode n, SeriesKey key, double median, Interval interval) {
        strings(n.putObject("params"), key.params());
        n.put("hardware", key.hardware());
        strings(n.putObject("context"), key.context());
        number(n, "median", median);
        number(n, "ciLow", interval.low());
        number(n, "ciHigh", interval.high());
    }

    private static void strings(ObjectNode node, Map<String, String> map) {
        map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> node.put(e.getKey(), e.getValue()));
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static void numbers(ArrayNode array, List<Double> values) {
        for (Double v : values) {
            if (v != null && Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
    }
}
