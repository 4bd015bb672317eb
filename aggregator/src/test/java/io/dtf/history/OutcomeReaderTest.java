package io.dtf.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.report.Findings;
import io.dtf.report.JsonReport;
import io.dtf.report.MarkdownReport;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.flaky.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeReaderTest {
    private static final Instant SEEN = Instant.parse("2025-03-01T10:00:00Z");

    /** Four runs on two 2-core and two 8-core nodes: "upload" fails on every 2-core node, passes on the rest. */
    private static DuckDbResultStore database() throws Exception {
        Path file = Path.of("target", "duckdb-test", "outcomes.duckdb");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        DuckDbResultStore store = DuckDbResultStore.open(file);
        for (int n = 1; n <= 4; n++) {
            boolean small = n <= 2;
            store.recordNode("n" + n, Map.of("dtf.hw.class", small ? "x86-2c" : "x86-8c",
                    "dtf.cpu.cores", small ? "2" : "8", "dtf.memory.bytes", small ? "8589934592" : "17179869184",
                    "dtf.disk.free.bytes", String.valueOf(1_000_000L * n), "dtf.hostname", "host" + n), SEEN);
        }
        store.write(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO results (seq, run_id, task_id, task_name, params, attempt, final_attempt, status,
                                         node_id, hw_class, error)
                    VALUES (?, ?, ?, ?, MAP {'size': '1M'}, ?, ?, ?, ?, ?, ?)""")) {
                long seq = 1;
                for (int run = 1; run <= 4; run++) {
                    for (int n = 1; n <= 4; n++) {
                        boolean small = n <= 2;
                        row(insert, seq++, "r" + run, "upload", 1, true, small ? "FAILED" : "PASSED", n,
                                small ? "timeout after " + (3000 + run * 7 + n) + " ms on /tmp/up" + n + "/data" : null);
                    }
                }
                row(insert, seq++, "r1", "net", 1, false, "FAILED", 3, "connection reset by 10.0.0.7");
                row(insert, seq++, "r1", "net", 2, true, "PASSED", 3, null);
                row(insert, seq++, "r2", "net", 1, true, "CANCELLED", 4, "run cancelled");
            }
            return null;
        });
        return store;
    }

    private static void row(PreparedStatement insert, long seq, String run, String name, int attempt,
                            boolean isFinal, String status, int node, String error) throws java.sql.SQLException {
        insert.setLong(1, seq);
        insert.setString(2, run);
        insert.setString(3, name + "-" + run);
        insert.setString(4, name);
        insert.setInt(5, attempt);
        insert.setBoolean(6, isFinal);
        insert.setString(7, status);
        insert.setString(8, "n" + node);
        insert.setString(9, node <= 2 ? "x86-2c" : "x86-8c");
        insert.setString(10, error);
        insert.executeUpdate();
    }

    @Test
    void everyAttemptIsAnOutcomeWithTheNodesAttributesUnderShortNames() throws Exception {
        try (DuckDbResultStore store = database()) {
            List<Outcome> outcomes = new OutcomeReader(store).read();
            assertEquals(18, outcomes.size(), "the cancelled attempt is no outcome");
            Outcome first = outcomes.get(0);
            assertEquals("upload [size=1M]", first.test());
            assertEquals("r1", first.commit());
            assertEquals("x86-2c", first.hardware());
            assertEquals(Map.of("cores", "2", "memory", "8GiB", "hostname", "host1"), first.attributes());
            assertEquals(false, first.passed());
            assertTrue(first.error().startsWith("timeout after"), first.error());
        }
    }

    @Test
    void aTestFailingOnlyOnTwoCoreNodesIsFoundAndReportedInJsonAndMarkdown() throws Exception {
        try (DuckDbResultStore store = database()) {
            Findings findings = Findings.of(new OutcomeReader(store).read(), List.of(), AnalysisOptions.defaults());

            JsonNode root = new ObjectMapper().readTree(JsonReport.render(List.of(), findings));
            JsonNode strongest = root.get("hardwareCorrelations").get(0);
            boolean coresFound = false;
            for (JsonNode c : root.get("hardwareCorrelations")) {
                assertEquals("upload [size=1M]", c.get("test").asText(), c.toString());
                assertTrue(c.get("qValue").asDouble() <= 0.05, c.toString());
                if (c.get("attribute").asText().equals("cores")) {
                    coresFound = true;
                    assertEquals("2", c.get("value").asText(), "the mirror, cores=8, goes with fewer failures");
                    assertEquals(8, c.get("failedWith").asInt());
                    assertEquals(0, c.get("passedWith").asInt());
                    assertEquals(0, c.get("failedWithout").asInt());
                    assertEquals(8, c.get("passedWithout").asInt());
                }
            }
            assertTrue(coresFound, root.toPrettyString());
            assertTrue(strongest.get("pValue").asDouble() < 0.001, strongest.toString());
            JsonNode flaky = root.get("flakyTests").get(0);
            assertEquals(1, root.get("flakyTests").size(), root.toPrettyString());
            assertEquals("net [size=1M]", flaky.get("test").asText());
            assertEquals("r1", flaky.get("commit").asText());
            JsonNode signature = root.get("failureSignatures").get(0);
            assertEquals("timeout after <n> ms on <path>", signature.get("signature").asText());
            assertEquals(8, signature.get("count").asInt());

            String md = MarkdownReport.render(List.of(), findings);
            assertTrue(md.contains("## Failures by hardware"), md);
            assertTrue(md.contains("| upload \\[size=1M\\] | cores=2 | 8 of 8 | 0 of 8 |"), md);
            assertTrue(md.indexOf("## Flaky tests") < md.indexOf("## Failures by hardware"), md);
            assertTrue(md.contains("## Failure signatures"), md);
        }
    }
}
