package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.model.Metric;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricLineParserTest {
    private final MetricLineParser parser = new MetricLineParser();

    @Test
    void readsTextLinesWithAndWithoutUnits() {
        parser.accept("DTF_METRIC latency=12.5 ms");
        parser.accept("  DTF_METRIC errors=0  ");
        parser.accept("DTF_METRIC rate=-1.5e3 ops/s");

        assertEquals(List.of(
                new Metric("latency", "ms", List.of(12.5)),
                new Metric("errors", "", List.of(0.0)),
                new Metric("rate", "ops/s", List.of(-1500.0))), parser.metrics());
        assertEquals(0, parser.ignoredLines());
    }

    @Test
    void readsJsonLines() {
        parser.accept("{\"dtf_metric\": \"latency\", \"value\": 12.5, \"unit\": \"ms\"}");
        parser.accept("{\"value\": 3, \"dtf_metric\": \"count\", \"extra\": true}");

        assertEquals(List.of(
                new Metric("latency", "ms", List.of(12.5)),
                new Metric("count", "", List.of(3.0))), parser.metrics());
    }

    @Test
    void repeatedNamesCollectSamplesInOrderAcrossBothForms() {
        parser.accept("DTF_METRIC latency=3 ms");
        parser.accept("{\"dtf_metric\": \"latency\", \"value\": 1, \"unit\": \"ms\"}");
        parser.accept("DTF_METRIC latency=2 ms");

        assertEquals(List.of(new Metric("latency", "ms", List.of(3.0, 1.0, 2.0))), parser.metrics());
    }

    @Test
    void otherLinesAreSkippedWithoutBeingCounted() {
        parser.accept("hello");
        parser.accept("{\"level\": \"info\", \"msg\": \"a JSON log line\"}");
        parser.accept("the DTF_METRIC x=1 prefix must start the line");
        parser.accept("");

        assertEquals(List.of(), parser.metrics());
        assertEquals(0, parser.ignoredLines());
    }

    @Test
    void badMetricLinesAreIgnoredAndCounted() {
        List<String> bad = List.of(
                "DTF_METRIC latency",                       // no value
                "DTF_METRIC latency=fast ms",               // not a number
                "DTF_METRIC latency=NaN",                   // not finite
                "DTF_METRIC latency=1e999",                 // overflows to infinity
                "DTF_METRIC 9lives=1",                      // bad name
                "DTF_METRIC latency = 1",                   // blanks around '='
                "DTF_METRIC latency=1 " + "u".repeat(33),   // unit too long
                "{\"dtf_metric\": \"latency\", \"value\": \"12\"}",    // value is text
                "{\"dtf_metric\": 7, \"value\": 1}",                   // name is a number
                "{\"dtf_metric\": \"latency\", \"value\": 1, \"unit\": [1]}",
                "{\"dtf_metric\": \"latency\", \"value\": ");          // broken JSON
        bad.forEach(parser::accept);
        parser.accept("DTF_METRIC latency=1 ms");

        assertEquals(List.of(new Metric("latency", "ms", List.of(1.0))), parser.metrics());
        assertEquals(bad.size(), parser.ignoredLines());
    }

    @Test
    void aSampleInAnotherUnitThanTheFirstIsIgnored() {
        parser.accept("DTF_METRIC latency=1 ms");
        parser.accept("DTF_METRIC latency=0.002 s");

        assertEquals(List.of(new Metric("latency", "ms", List.of(1.0))), parser.metrics());
        assertEquals(1, parser.ignoredLines());
    }

    @Test
    void distinctNamesAndSamplesAreBounded() {
        MetricLineParser small = new MetricLineParser(2, 5);
        for (int i = 0; i < 4; i++) {
            small.accept("DTF_METRIC m" + i + "=" + i);
        }
        for (int i = 0; i < 10; i++) {
            small.accept("DTF_METRIC m0=" + i);
        }

        List<Metric> metrics = small.metrics();
        assertEquals(List.of("m0", "m1"), metrics.stream().map(Metric::name).toList());
        assertEquals(5, metrics.stream().mapToInt(m -> m.samples().size()).sum());
        assertEquals(2 + 7, small.ignoredLines());
    }

    @Test
    void rawBytesAreDecodedAsUtf8AndOverlongLinesIgnored() {
        byte[] line = "DTF_METRIC temperature=21.5 °C".getBytes(StandardCharsets.UTF_8);
        parser.accept(line, line.length);
        parser.accept("DTF_METRIC big=1 " + "x".repeat(MetricLineParser.MAX_LINE_CHARS));

        assertEquals(List.of(new Metric("temperature", "°C", List.of(21.5))), parser.metrics());
        assertEquals(1, parser.ignoredLines());
    }
}
