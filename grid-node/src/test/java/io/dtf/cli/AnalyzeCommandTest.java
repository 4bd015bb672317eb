package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyzeCommandTest {
    /** Twelve steady runs, then three 30% slower: a regression of the latest run. */
    private static Path history(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("run,timestamp,benchmark,params,metric,unit,hardware,value\n");
        for (int run = 1; run <= 15; run++) {
            for (int sample = 0; sample < 10; sample++) {
                double value = (run > 12 ? 70 : 100) + (sample % 5) * 0.5;
                csv.append(String.format("r%02d,2024-05-%02dT00:00:00Z,copy,size=1M,throughput,MB/s,x86,%s%n", run, run, value));
                csv.append(String.format("r%02d,2024-05-%02dT00:00:00Z,parse,,time,ms,x86,%s%n", run, run, 5 + (sample % 3) * 0.1));
            }
        }
        return Files.writeString(dir.resolve("history.csv"), csv);
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = DtfCli.execute(args);
            return code + "\n" + captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void importedHistoryIsAnalysedAndTheRegressionLeadsTheReports() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cli-tests")), "analyze");
        Path db = dir.resolve("h.duckdb");
        String imported = run("import", history(dir).toString(), "--db", db.toString());
        assertTrue(imported.startsWith("0\n") && imported.contains("15 runs, 30 results, 300 samples"), imported);

        String json = run("analyze", "--db", db.toString());
        assertTrue(json.startsWith("0\n"), json);
        JsonNode root = new ObjectMapper().readTree(json.substring(2));
        JsonNode copy = null;
        for (JsonNode s : root.get("series")) {
            if (s.get("benchmark").asText().equals("copy")) {
                copy = s;
            }
        }
        assertEquals("REGRESSION", copy.get("latest").get("verdict").asText(), json);
        assertTrue(copy.get("changePoints").size() >= 1, json);

        assertTrue(run("analyze", "--db", db.toString(), "--fail-on-regression").startsWith("1\n"));
        String md = run("analyze", "--db", db.toString(), "--format", "md");
        assertTrue(md.indexOf("## Regressions") < md.indexOf("parse"), md);
        Path html = dir.resolve("report.html");
        assertTrue(run("analyze", "--db", db.toString(), "--format", "html", "--out", html.toString()).startsWith("0\n"));
        assertTrue(Files.readString(html).contains("<svg"));
        String onlyEarly = run("analyze", "--db", db.toString(), "--run", "r05");
        assertTrue(onlyEarly.contains("\"run\" : \"r05\""), onlyEarly);
    }

    @Test
    void aBadFileIsRefusedNamingItsLineAndNothingIsImported() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cli-tests")), "bad");
        Path csv = Files.writeString(dir.resolve("bad.csv"),
                "run,timestamp,benchmark,params,metric,unit,hardware,value\nr1,2024-05-01,copy,,t,ms,x86,abc\n");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(ExitCodes.INVALID_SUITE, DtfCli.execute("import", csv.toString(), "--db", dir.resolve("h.duckdb").toString()));
        } finally {
            System.setErr(originalErr);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 2, column 'value'"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void failuresOnTwoCoreNodesAndTheHardwareThatExplainsTheSpreadAreReported() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cli-tests")), "findings");
        Path db = dir.resolve("h.duckdb");
        StringBuilder csv = new StringBuilder("run,timestamp,benchmark,params,metric,unit,hardware,value\n");
        for (int run = 1; run <= 3; run++) {
            for (int sample = 0; sample < 10; sample++) {
                csv.append(String.format("r%d,2024-05-0%dT00:00:00Z,copy,,throughput,MB/s,x86,%s%n", run, run, 100 + sample));
                csv.append(String.format("r%d,2024-05-0%dT00:00:00Z,copy,,throughput,MB/s,arm,%s%n", run, run, 50 + sample));
            }
        }
        Path history = Files.writeString(dir.resolve("history.csv"), csv);
        assertTrue(run("import", history.toString(), "--db", db.toString()).startsWith("0\n"));
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            for (int n = 1; n <= 4; n++) {
                store.recordNode("n" + n, Map.of("dtf.hw.class", "x86", "dtf.cpu.cores", n <= 2 ? "2" : "8"),
                        Instant.parse("2024-05-01T00:00:00Z"));
            }
            store.write(c -> {
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < 16; i++) {
                        int node = i % 4 + 1;
                        // Keys above the imported rows' (the file numbers them from 1).
                        s.execute(String.format("INSERT INTO results (seq, run_id, task_id, task_name, params, attempt, "
                                + "final_attempt, status, node_id, hw_class, error) VALUES (%d, 'g%d', 'up', 'upload', "
                                + "MAP {}, 1, true, '%s', 'n%d', 'x86', %s)", 10_001 + i, i / 4, node <= 2 ? "FAILED" : "PASSED",
                                node, node <= 2 ? "'out of memory'" : "NULL"));
                    }
                }
                return null;
            });
        }

        String json = run("analyze", "--db", db.toString());
        assertTrue(json.startsWith("0\n"), json);
        JsonNode root = new ObjectMapper().readTree(json.substring(2));
        boolean cores = false;
        for (JsonNode c : root.get("hardwareCorrelations")) {
            cores |= c.get("test").asText().equals("upload") && c.get("attribute").asText().equals("cores")
                    && c.get("value").asText().equals("2");
        }
        assertTrue(cores, json);
        assertEquals("out of memory", root.get("failureSignatures").get(0).get("signature").asText(), json);
        JsonNode copy = root.get("dimensions").get(0);
        assertEquals("hardware", copy.get("strongest").get("dimension").asText(), json);
        assertEquals("x86", copy.get("best").get("configuration").get("hardware").asText(), json);
        assertEquals(2, root.get("series").size(), json);

        String md = run("analyze", "--db", db.toString(), "--format", "md");
        assertTrue(md.contains("## Failures by hardware") && md.contains("| upload | cores=2 | 8 of 8 | 0 of 8 |"), md);
        assertTrue(md.contains("## What explains the variance") && md.contains("| copy | throughput (MB/s) | hardware"), md);
        String html = run("analyze", "--db", db.toString(), "--format", "html");
        assertTrue(html.contains("<h2>Failures by hardware</h2>") && html.contains("<h2>What explains the variance</h2>"), html);
    }
}
