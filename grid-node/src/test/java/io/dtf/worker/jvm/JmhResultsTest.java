package io.dtf.worker.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.model.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMH's JSON result as metrics the aggregator analyses. */
class JmhResultsTest {
    @TempDir
    Path dir;

    @Test
    void eachBenchmarkParameterSetAndSecondaryMetricIsAMetricOfEveryIteration() throws IOException {
        JmhResults results = read("""
                [{"benchmark":"com.example.Parse.parse","mode":"thrpt","params":{"size":"100","kind":"csv"},
                  "primaryMetric":{"score":2.0,"scoreUnit":"ops/s","rawData":[[1.0,2.0],[3.0]]},
                  "secondaryMetrics":{"\u00b7gc.alloc.rate":{"score":5,"scoreUnit":"MB/sec","rawData":[[5.0]]}}},
                 {"benchmark":"com.example.Parse.empty","mode":"sample",
                  "primaryMetric":{"score":1.5,"scoreUnit":"us/op","rawDataHistogram":[[[[1.0,3],[3.0,1]],[[2.0,2]]]]}}]
                """);

        assertEquals(List.of(
                new Metric("com.example.Parse.parse[size=100,kind=csv]", "ops/s", List.of(1.0, 2.0, 3.0)),
                new Metric("com.example.Parse.parse[size=100,kind=csv]:gc.alloc.rate", "MB/sec", List.of(5.0)),
                new Metric("com.example.Parse.empty", "us/op", List.of(1.5, 2.0))), results.metrics);
    }

    @Test
    void aBenchmarkMeasuredInSeveralModesGetsTheModeInItsName() throws IOException {
        JmhResults results = read("""
                [{"benchmark":"B.m","mode":"thrpt","primaryMetric":{"scoreUnit":"ops/s","rawData":[[1.0]]}},
                 {"benchmark":"B.m","mode":"avgt","primaryMetric":{"scoreUnit":"ns/op","rawData":[[2.0]]}}]
                """);

        assertEquals(List.of("B.m:thrpt", "B.m:avgt"), results.metrics.stream().map(Metric::name).toList());
    }

    @Test
    void samplesBeyondTheLimitAreLeftOut() throws IOException {
        String raw = "[" + "1.0,".repeat(JmhResults.MAX_SAMPLES) + "1.0]";
        JmhResults results = read("[{\"benchmark\":\"B.a\",\"primaryMetric\":{\"rawData\":[" + raw + "]}},"
                + "{\"benchmark\":\"B.b\",\"primaryMetric\":{\"rawData\":[[1.0]]}}]");

        assertEquals(JmhResults.MAX_SAMPLES, results.metrics.get(0).samples().size());
        assertEquals(1, results.metrics.size());
        assertEquals(1, results.leftOut);
    }

    @Test
    void aResultThatIsNotJmhsJsonIsAnError() throws IOException {
        Files.writeString(dir.resolve("r.json"), "{\"not\":\"an array\"}");
        assertThrows(IOException.class, () -> JmhResults.read(dir.resolve("r.json")));
    }

    private JmhResults read(String json) throws IOException {
        return JmhResults.read(Files.writeString(dir.resolve("result.json"), json));
    }
}
