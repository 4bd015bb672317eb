package io.dtf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.model.FailureCategory;
import io.dtf.stats.Direction;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.descriptive.Interval;
import io.dtf.stats.dimensions.BenchmarkDimensions;
import io.dtf.stats.dimensions.BestConfiguration;
import io.dtf.stats.dimensions.DimensionEffect;
import io.dtf.stats.dimensions.DimensionReport;
import io.dtf.stats.flaky.AttributeCorrelation;
import io.dtf.stats.flaky.FailureSignature;
import io.dtf.stats.flaky.FlakyTest;
import io.dtf.stats.flaky.InfrastructureFailureCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
    @Test
    void jsonNamesEveryFieldAsDocumented() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.render(List.of(Analyses.regression("copy"))));
        JsonNode s = root.get("series").get(0);
        assertEquals("copy", s.get("benchmark").asText());
        assertEquals("1M", s.get("params").get("size").asText());
        assertEquals("throughput", s.get("metric").asText());
        assertEquals("MB/s", s.get("unit").asText());
        assertEquals("x86", s.get("hardware").asText());
        assertEquals("main", s.get("context").get("branch").asText());
        JsonNode cp = s.get("changePoints").get(0);
        assertEquals("r6", cp.get("run").asText());
        assertEquals("2024-05-06T00:00:00Z", cp.get("timestamp").asText());
        assertEquals(-20.0, cp.get("changePercent").asDouble());
        assertEquals(0.001, cp.get("pValue").asDouble());
        JsonNode outlier = s.get("outliers").get(0);
        assertEquals("r2", outlier.get("run").asText());
        assertEquals(150.0, outlier.get("value").asDouble());
        assertEquals(4.2, outlier.get("score").asDouble());
        assertEquals(-1.5, s.get("trend").get("slope").asDouble());
        assertEquals(0.04, s.get("trend").get("pValue").asDouble());
        assertTrue(s.get("trend").get("significant").asBoolean());
        assertEquals(2, s.get("forecast").get("values").size());
        assertEquals("REGRESSION", s.get("latest").get("verdict").asText());
        assertEquals(-20.0, s.get("latest").get("changePercent").asDouble());
        assertEquals(0.001, s.get("latest").get("pValue").asDouble());
        assertEquals(1, root.get("needsAttention").asInt());
    }

    @Test
    void jsonWritesNullForNumbersThatAreNotFinite() throws Exception {
        SeriesAnalysis r = Analyses.regression("copy");
        SeriesAnalysis odd = new SeriesAnalysis(r.key(), Direction.LOWER_IS_BETTER, 1, List.of(), List.of(),
                new io.dtf.stats.Trend(Double.NaN, Double.NaN, Double.NaN, false), null, null);
        JsonNode s = new ObjectMapper().readTree(JsonReport.render(List.of(odd))).get("series").get(0);
        assertTrue(s.get("trend").get("slope").isNull());
        assertTrue(s.get("latest").isNull());
        assertTrue(s.get("forecast").isNull());
    }

    @Test
    void markdownLeadsWithRegressionsThenDriftThenTheRest() {
        String md = MarkdownReport.render(List.of(Analyses.steady("calm"), Analyses.drifting("slow"),
                Analyses.regression("copy")));
        int regressions = md.indexOf("## Regressions");
        int drift = md.indexOf("## Drift");
        int rest = md.indexOf("## Other series");
        assertTrue(regressions > 0 && regressions < drift && drift < rest, md);
        assertTrue(md.indexOf("copy") < md.indexOf("slow") && md.indexOf("slow") < md.indexOf("calm"), md);
        assertTrue(md.contains("-20.0%"), md);
    }

    @Test
    void markdownEscapesTableBreakingUserText() {
        String md = MarkdownReport.render(List.of(Analyses.regression("a|b <img src=x>")));
        assertTrue(md.contains("a\\|b &lt;img src=x&gt;"), md);
    }

    @Test
    void htmlEscapesAScriptInABenchmarkName() {
        String name = "<script>alert('x')</script>";
        String html = HtmlReport.render(List.of(Analyses.regression(name)), List.of(Analyses.series(name)));
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
    }

    @Test
    void htmlChartsEachFlaggedSeriesWithItsChangePointsAndOutliers() {
        String html = HtmlReport.render(List.of(Analyses.regression("copy"), Analyses.steady("calm")),
                List.of(Analyses.series("copy"), Analyses.series("calm")));
        assertEquals(1, html.split("<svg", -1).length - 1, "only the flagged series gets a chart");
        assertTrue(html.contains("class=\"change-point\""));
        assertTrue(html.contains("class=\"outlier\""));
        assertEquals(5, html.split("class=\"point\"", -1).length - 1, "six runs, one of them an outlier");
        assertTrue(html.indexOf("Regressions") < html.indexOf("Other series"));
    }

    @Test
    void reportsSayWhenNothingNeedsAttention() {
        assertTrue(MarkdownReport.render(List.of(Analyses.steady("calm"))).contains("Nothing needs attention."));
        assertTrue(HtmlReport.render(List.of(), List.of()).contains("Nothing needs attention."));
    }

    private static Findings hostileFindings() {
        String name = "<script>x</script>|a";
        SeriesKey fast = new SeriesKey("copy", Map.of("size", "1M"), "throughput", "MB/s", "x86", Map.of());
        SeriesKey slow = new SeriesKey("copy", Map.of("size", "1K"), "throughput", "MB/s", "x86", Map.of());
        BenchmarkDimensions copy = new BenchmarkDimensions("copy", "throughput", "MB/s", 2,
                List.of(new DimensionEffect("param:size", 2, 14.3, 0.0002, 0.75)),
                new BestConfiguration(fast, 200, new Interval(195, 205, 0.95), slow, 100, new Interval(98, 102, 0.95)));
        BenchmarkDimensions quiet = new BenchmarkDimensions("quiet", "time", "ms", 2,
                List.of(new DimensionEffect("hardware", 2, 0.1, 0.8, 0.01)), null);
        return new Findings(List.of(new FlakyTest(name, "c1", "x86", 3, 2, 1)),
                List.of(new FailureSignature("boom at <n>", FailureCategory.TEST_FAILURE, 1, List.of(name))),
                List.of(new AttributeCorrelation(name, "cores", "2", 4, 0, 0, 4, 0.03, 0.04)),
                List.of(new InfrastructureFailureCount("<arm>", null, 10, 3,
                        Map.of(FailureCategory.NODE_LEFT, 2, FailureCategory.PROCESS_CRASH, 1))),
                List.of(new InfrastructureFailureCount("<arm>", "node-<1>", 6, 2, Map.of(FailureCategory.NODE_LEFT, 2))),
                new DimensionReport(List.of(copy, quiet)), 0);
    }

    @Test
    void findingsAreShownAfterTheAttentionSectionsWithUserTextEscaped() {
        String md = MarkdownReport.render(List.of(Analyses.regression("copy"), Analyses.steady("calm")), hostileFindings());
        assertTrue(md.indexOf("## Regressions") < md.indexOf("## Flaky tests")
                && md.indexOf("## Flaky tests") < md.indexOf("## Failures by hardware")
                && md.indexOf("## Failures by hardware") < md.indexOf("## What explains the variance")
                && md.indexOf("## What explains the variance") < md.indexOf("## Other series"), md);
        assertTrue(md.contains("| &lt;script&gt;x&lt;/script&gt;\\|a | cores=2 | 4 of 4 | 0 of 4 |"), md);
        assertTrue(md.contains("| copy | throughput (MB/s) | param:size (2 values) | 0.000200 | 0.75 | size=1M on x86: median 200"), md);
        assertTrue(md.contains("| passed | passed after a failure (flaky) | failed |\n")
                && md.contains("| c1 | x86 | 3 | 2 | 1 |"), "a flaky pass has its own column: " + md);
        assertTrue(md.indexOf("## Failure signatures") < md.indexOf("## Infrastructure failures by hardware")
                && md.indexOf("## Infrastructure failures by hardware") < md.indexOf("## Infrastructure failures by node")
                && md.indexOf("## Infrastructure failures by node") < md.indexOf("## What explains the variance"), md);
        assertTrue(md.contains("| &lt;arm&gt; | 10 | 3 | NODE\\_LEFT 2, PROCESS\\_CRASH 1 |"), md);
        assertTrue(md.contains("| node-&lt;1&gt; | &lt;arm&gt; | 6 | 2 | NODE\\_LEFT 2 |"), md);
        assertTrue(md.contains("| boom at &lt;n&gt; | TEST\\_FAILURE | 1 |"), md);
        assertFalse(md.contains("| quiet |"), "a benchmark nothing explains is left out: " + md);

        String html = HtmlReport.render(List.of(), List.of(), hostileFindings());
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("<h2>Failures by hardware</h2>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;x&lt;/script&gt;|a</td><td>cores=2</td>"), html);
        assertTrue(html.contains("<h2>Infrastructure failures by node</h2>")
                && html.contains("<td>node-&lt;1&gt;</td><td>&lt;arm&gt;</td><td>6</td><td>2</td><td>NODE_LEFT 2</td>"), html);
    }

    @Test
    void emptyFindingsAddNoSectionsButEmptyJsonArrays() throws Exception {
        String md = MarkdownReport.render(List.of(Analyses.steady("calm")), Findings.none());
        assertFalse(md.contains("## Flaky tests") || md.contains("## Failures by hardware")
                || md.contains("## What explains the variance"), md);
        JsonNode root = new ObjectMapper().readTree(JsonReport.render(List.of(Analyses.steady("calm"))));
        for (String section : List.of("flakyTests", "failureSignatures", "hardwareCorrelations",
                "infrastructureFailuresByHardware", "infrastructureFailuresByNode", "dimensions")) {
            assertTrue(root.get(section).isArray() && root.get(section).isEmpty(), section);
        }
    }

    @Test
    void jsonNamesTheFindingsFieldsAsDocumented() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.render(List.of(), hostileFindings()));
        JsonNode flaky = root.get("flakyTests").get(0);
        assertEquals(3, flaky.get("passes").asInt());
        assertEquals(2, flaky.get("flakyPasses").asInt());
        assertEquals(1, flaky.get("failures").asInt());
        assertEquals(1.0 / 6, flaky.get("failureRate").asDouble(), 1e-12);
        assertEquals("boom at <n>", root.get("failureSignatures").get(0).get("signature").asText());
        assertEquals("TEST_FAILURE", root.get("failureSignatures").get(0).get("category").asText());
        JsonNode arm = root.get("infrastructureFailuresByHardware").get(0);
        assertEquals("<arm>", arm.get("hardware").asText());
        assertFalse(arm.has("node"), "a hardware class's total names no node");
        assertEquals(10, arm.get("attempts").asInt());
        assertEquals(3, arm.get("failures").asInt());
        assertEquals(0.3, arm.get("failureRate").asDouble(), 1e-12);
        assertEquals("{\"NODE_LEFT\":2,\"PROCESS_CRASH\":1}", arm.get("categories").toString());
        JsonNode node = root.get("infrastructureFailuresByNode").get(0);
        assertEquals("node-<1>", node.get("node").asText());
        assertEquals(2, node.get("categories").get("NODE_LEFT").asInt());
        JsonNode c = root.get("hardwareCorrelations").get(0);
        assertEquals("cores", c.get("attribute").asText());
        assertEquals(1.0, c.get("failureRateDifference").asDouble());
        assertEquals(0.04, c.get("qValue").asDouble());
        JsonNode copy = root.get("dimensions").get(0);
        assertEquals("param:size", copy.get("strongest").get("dimension").asText());
        assertEquals(0.0002, copy.get("strongest").get("pValue").asDouble());
        assertEquals("1M", copy.get("best").get("configuration").get("params").get("size").asText());
        assertEquals(195.0, copy.get("best").get("configuration").get("ciLow").asDouble());
        assertEquals(100.0, copy.get("best").get("runnerUp").get("median").asDouble());
        assertTrue(root.get("dimensions").get(1).get("best").isNull());
    }
}
