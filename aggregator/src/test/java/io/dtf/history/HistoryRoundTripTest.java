package io.dtf.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.results.SeqRange;
import io.dtf.results.TestResults;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.Direction;
import io.dtf.stats.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HistoryRoundTripTest {
    private Path dir;
    private Path db;

    @BeforeEach
    void freshDatabase() throws IOException {
        dir = Files.createDirectories(Path.of("target", "history-tests"));
        dir = Files.createTempDirectory(dir, "roundtrip");
        db = dir.resolve("history.duckdb");
    }

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void importedCsvIsReadBackAsSeriesInRunOrder() throws IOException {
        Path file = csv("h.csv", """
                run,timestamp,benchmark,params,metric,unit,hardware,value,direction,commit,branch
                r2,2024-05-02T10:00:00Z,copy,size=1M;threads=4,throughput,MB/s,x86,110,,abc2,main
                r1,2024-05-01T10:00:00Z,copy,threads=4;size=1M,throughput,MB/s,x86,100,,abc1,main
                r1,2024-05-01T10:00:00Z,copy,threads=4;size=1M,throughput,MB/s,x86,101,,abc1,main
                r1,2024-05-01T10:00:00Z,copy,threads=4;size=1M,latency,ms,x86,3.5,higher,abc1,main
                r2,2024-05-02T10:00:00Z,copy,size=1M;threads=4,latency,ms,x86,3.25,higher,abc2,main
                r1,2024-05-01T10:00:00Z,"sort, big",,time,s,arm,7,,,
                """);
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            ImportSummary summary = new CsvHistoryImporter().importFile(file, store);
            assertEquals(new ImportSummary(2, 3, 6), summary);
        }
        try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(db)) {
            List<Series> series = new SeriesReader(store).read(null);
            assertEquals(3, series.size());
            Series latency = series.get(0);
            assertEquals("latency", latency.key().metric());
            assertEquals(Direction.HIGHER_IS_BETTER, latency.direction(), "direction from the data wins over the unit");
            Series throughput = series.get(1);
            assertEquals(Map.of("size", "1M", "threads", "4"), throughput.key().params());
            assertEquals(Map.of("branch", "main"), throughput.key().context());
            assertEquals(Direction.HIGHER_IS_BETTER, throughput.direction());
            assertEquals(List.of("r1", "r2"), throughput.points().stream().map(p -> p.run()).toList());
            assertEquals(List.of(100.0, 101.0), throughput.points().get(0).samples());
            assertEquals(Instant.parse("2024-05-01T10:00:00Z"), throughput.points().get(0).timestamp());
            assertEquals("abc2", throughput.points().get(1).commit());
            Series sort = series.get(2);
            assertEquals("sort, big", sort.key().benchmark());
            assertEquals("arm", sort.key().hardware());
            assertEquals(Map.of(), sort.key().context());
            assertEquals(Direction.LOWER_IS_BETTER, sort.direction());

            assertEquals(List.of("r1"), new SeriesReader(store).read("r1").get(1).points().stream()
                    .map(p -> p.run()).toList(), "--run cuts each series after that run");
            assertEquals(2, new SeriesReader(store).read("r2").size(), "only series that have the run");
            assertEquals(0, store.lastSeq(TestResults.GRID), "an import is an origin of its own");
        }
    }

    @Test
    void howABenchmarkWasMeasuredIsNoSeriesOfItsOwn() throws IOException {
        TaskResult plain = TestResults.passed(1, "live");
        List<Metric> metrics = new java.util.ArrayList<>(plain.metrics());
        metrics.add(new Metric("warmup_time", "ms", List.of(1200.0)));
        metrics.add(new Metric("steady", "", List.of(1.0)));
        TaskResult measured = new TaskResult(plain.seq(), plain.runId(), plain.suite(), plain.taskId(), plain.taskName(),
                plain.params(), plain.attempt(), true, plain.status(), plain.startedAt(), plain.endedAt(), plain.nodeId(),
                plain.hwClass(), plain.exitCode(), metrics, "", "", null, null, null);
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            store.ingest(TestResults.GRID, List.of(measured));

            assertEquals(List.of("latency", "throughput"), new SeriesReader(store).read(null).stream()
                    .map(s -> s.key().metric()).sorted().toList());
        }
    }

    @Test
    void importedRowsSitBesideReplicatedResultsWithoutTakingTheirSeqs() throws IOException {
        Path file = csv("h.csv", """
                run,timestamp,benchmark,params,metric,unit,hardware,value
                old,2020-01-01,copy-1,size=64KB;threads=4,throughput,MB/s,aarch64-4c-16g,90
                """);
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            store.ingest(TestResults.GRID, List.of(TestResults.passed(1, "live"), TestResults.passed(3, "live"),
                    TestResults.erroredWithNulls(5, "live")));
            new CsvHistoryImporter().importFile(file, store);
            assertEquals(5, store.lastSeq(TestResults.GRID));
            assertEquals(List.of(new SeqRange(1, 1), new SeqRange(3, 3), new SeqRange(5, 5)),
                    store.seqRanges(TestResults.GRID), "the import took none of the grid's seqs");
            assertEquals(1, store.ingest(TestResults.GRID, List.of(TestResults.passed(2, "live"))),
                    "nor does it make the grid's next result look stored");
            assertEquals(List.of("live", "old"), store.runIds());
            List<Series> series = new SeriesReader(store).read(null);
            Series copy1 = series.stream().filter(s -> s.key().benchmark().equals("copy-1")
                    && s.key().metric().equals("throughput")).findFirst().orElseThrow();
            assertEquals(List.of("old", "live"), copy1.points().stream().map(p -> p.run()).toList());
            assertEquals(5, copy1.points().get(1).samples().size());
        }
    }

    @Test
    void aBadRowLeavesNothingImported() throws IOException {
        Path file = csv("bad.csv", """
                run,timestamp,benchmark,params,metric,unit,hardware,value
                r1,2024-05-01T10:00:00Z,copy,,throughput,MB/s,x86,100
                r1,2024-05-01T10:00:00Z,copy,,throughput,MB/s,x86,1O1
                """);
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            HistoryImportException e = assertThrows(HistoryImportException.class,
                    () -> new CsvHistoryImporter().importFile(file, store));
            assertEquals(3, e.line());
            assertEquals("value", e.column());
            assertEquals(0, store.count());
            assertEquals(List.of(), store.runIds());
        }
    }

    @Test
    void importingARunTwiceIsRefusedWhole() throws IOException {
        Path first = csv("a.csv", """
                run,timestamp,benchmark,params,metric,unit,hardware,value
                r1,2024-05-01T10:00:00Z,copy,,throughput,MB/s,x86,100
                """);
        Path again = csv("b.csv", """
                run,timestamp,benchmark,params,metric,unit,hardware,value
                r2,2024-05-02T10:00:00Z,copy,,throughput,MB/s,x86,100
                r1,2024-05-01T10:00:00Z,copy,,throughput,MB/s,x86,100
                """);
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            new CsvHistoryImporter().importFile(first, store);
            HistoryImportException e = assertThrows(HistoryImportException.class,
                    () -> new CsvHistoryImporter().importFile(again, store));
            assertTrue(e.getMessage().contains("'r1' is already"), e.getMessage());
            assertEquals(List.of("r1"), store.runIds());
            assertEquals(1, store.count());
        }
    }

    @Test
    void jmhResultsBecomeOneResultPerBenchmarkWithEveryIterationAsASample() throws IOException {
        Path file = Files.writeString(dir.resolve("nightly-7.json"), """
                [ {
                    "jmhVersion" : "1.37", "benchmark" : "org.acme.Bench.copy", "mode" : "thrpt", "forks" : 2,
                    "params" : { "size" : "1024" },
                    "primaryMetric" : { "score" : 10.5, "scoreUnit" : "ops/ms",
                        "rawData" : [ [ 10.0, 11.0 ], [ 10.25, 10.75 ] ] },
                    "secondaryMetrics" : { "·gc.alloc.rate" : { "score" : 5.0, "scoreUnit" : "MB/sec",
                        "rawData" : [ [ 5.0 ], [ 5.0 ] ] } }
                  }, {
                    "benchmark" : "org.acme.Bench.parse", "mode" : "avgt",
                    "primaryMetric" : { "score" : 3.0, "scoreUnit" : "us/op" },
                    "secondaryMetrics" : { }
                } ]""");
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            ImportSummary summary = new JmhJsonImporter(null, Instant.parse("2024-06-01T00:00:00Z"), "x86")
                    .importFile(file, store);
            assertEquals(new ImportSummary(1, 2, 7), summary);
            List<Series> series = new SeriesReader(store).read(null);
            assertEquals(3, series.size());
            Series copy = series.stream().filter(s -> s.key().metric().equals("thrpt")).findFirst().orElseThrow();
            assertEquals("nightly-7", copy.points().get(0).run());
            assertEquals(Map.of("size", "1024"), copy.key().params());
            assertEquals("ops/ms", copy.key().unit());
            assertEquals(Direction.HIGHER_IS_BETTER, copy.direction(), "throughput mode is higher-is-better whatever the unit");
            assertEquals(List.of(10.0, 11.0, 10.25, 10.75), copy.points().get(0).samples());
            Series parse = series.stream().filter(s -> s.key().metric().equals("avgt")).findFirst().orElseThrow();
            assertEquals(List.of(3.0), parse.points().get(0).samples(), "score stands in when there is no rawData");
            assertEquals(Direction.LOWER_IS_BETTER, parse.direction());
        }
    }
}
