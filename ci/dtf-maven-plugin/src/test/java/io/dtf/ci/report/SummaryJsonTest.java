package io.dtf.ci.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void summaryHasCountsFailuresFlakyTestsAndCountsPerHardwareClass() throws Exception {
        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, SampleOutcomes.all(), ReportLimits.DEFAULT, null);
        JsonNode summary = JSON.readTree(files.summaryJson().toFile());

        assertEquals("run-42", summary.get("runId").asText());
        assertEquals(75_000, summary.get("wallTimeMillis").asLong());
        assertEquals("2026-12-01T10:00:00Z", summary.get("startedAt").asText());
        assertFalse(summary.get("passed").asBoolean());
        JsonNode counts = summary.get("counts");
        assertEquals(List.of(12, 5, 3, 2, 1, 1), List.of(counts.get("tests").asInt(), counts.get("passed").asInt(),
                counts.get("failed").asInt(), counts.get("errors").asInt(), counts.get("skipped").asInt(),
                counts.get("flaky").asInt()));
        assertEquals(List.of("com.example.ParserTest#parsesCsv", "com.example.ParserTest#readsFile",
                        "com.example.NetworkTest#retries", "com.example.NetworkTest#NetworkTest"),
                names(summary.get("failures")).subList(0, 4));
        JsonNode parsesCsv = summary.get("failures").get(0);
        assertEquals("expected: <3> but was: <2>", parsesCsv.get("message").asText());
        assertEquals("x86_64-16c-64g", parsesCsv.get("hwClass").asText());
        assertEquals(3, summary.get("failures").get(2).get("attempts").asInt());
        JsonNode flaky = summary.get("flaky").get(0);
        assertEquals(List.of("com.example.NetworkTest#connects", "timed out after 1s", "2"),
                List.of(flaky.get("test").asText(), flaky.get("message").asText(), flaky.get("attempts").asText()));
        JsonNode arm = summary.get("byHardwareClass").get("arm64-8c-16g");
        assertEquals(List.of(3, 2, 1), List.of(arm.get("tests").asInt(), arm.get("errors").asInt(),
                arm.get("flaky").asInt()));
        assertEquals(SampleOutcomes.HOSTILE.replace("\u0000", "\\u0000").replace("\u0007", "\\u0007")
                .replace("\uD800", "\\uD800"), summary.get("failures").get(4).get("message").asText());
    }

    @Test
    void badgeIsRedWithFailuresYellowWithOnlyFlakyGreenOtherwise() throws Exception {
        List<TestOutcome> all = SampleOutcomes.all();
        assertEquals(List.of("tests", "5 passed, 5 failed, 1 flaky", "red"), badge(all));

        List<TestOutcome> noFailures = new ArrayList<>(all.stream()
                .filter(o -> ReportedTest.verdict(o) != io.dtf.model.TestStatus.FAILED
                        && ReportedTest.verdict(o) != io.dtf.model.TestStatus.ERROR).toList());
        assertEquals(List.of("tests", "5 passed, 0 failed, 1 flaky", "yellow"), badge(noFailures));

        noFailures.removeIf(o -> ReportedTest.verdict(o) == io.dtf.model.TestStatus.FLAKY);
        assertEquals(List.of("tests", "5 passed, 0 failed, 0 flaky", "green"), badge(noFailures));
        assertEquals(List.of("tests", "no tests", "lightgrey"), badge(List.of()));
    }

    private List<String> badge(List<TestOutcome> outcomes) throws Exception {
        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, outcomes, ReportLimits.DEFAULT, null);
        JsonNode badge = JSON.readTree(files.badge().toFile());
        assertEquals(1, badge.get("schemaVersion").asInt());
        return List.of(badge.get("label").asText(), badge.get("message").asText(), badge.get("color").asText());
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.get("test").asText()));
        return names;
    }
}
