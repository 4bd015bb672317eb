package io.dtf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.stats.Direction;
import io.dtf.stats.SeriesAnalysis;
import java.util.List;
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
}
