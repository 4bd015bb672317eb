package io.dtf.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.history.CsvHistoryImporter;
import io.dtf.model.BenchmarkBest;
import io.dtf.model.ResultMatrix;
import io.dtf.model.RunComparison;
import io.dtf.model.SeriesDetail;
import io.dtf.model.SeriesPage;
import io.dtf.model.SeriesQuery;
import io.dtf.model.SeriesSummary;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog on a real DuckDB file filled by an import: a throughput series that steps up at run 7 on
 * x86, a steady one on arm, and a latency series with one wild run.
 */
class SeriesCatalogTest {
    private static SeriesCatalog catalog;

    @BeforeAll
    static void importHistory() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "trends-tests")), "catalog");
        StringBuilder csv = new StringBuilder("run,timestamp,benchmark,params,metric,unit,hardware,value\n");
        double[] noise = {-0.6, 0.3, 0.0, 0.5, -0.2};
        for (int run = 1; run <= 12; run++) {
            String id = "r%02d".formatted(run);
            String at = "2024-05-%02dT10:00:00Z".formatted(run);
            for (double n : noise) {
                double x86 = (run <= 6 ? 100 : 130) + n + 0.1 * (run % 3);
                csv.append(id).append(',').append(at).append(",copy,size=1M,throughput,MB/s,x86,").append(x86).append('\n');
                csv.append(id).append(',').append(at).append(",copy,size=1M,throughput,MB/s,arm,")
                        .append(50 + n + 0.1 * (run % 2)).append('\n');
                double latency = (run == 5 ? 40 : 10) + n / 10 + 0.05 * (run % 4);
                csv.append(id).append(',').append(at).append(",parse,,latency,ms,x86,").append(latency).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("history.csv"), csv);
        try (DuckDbResultStore store = DuckDbResultStore.open(dir.resolve("history.duckdb"))) {
            new CsvHistoryImporter().importFile(file, store);
            catalog = SeriesCatalog.read(store);
        }
    }

    private static SeriesSummary only(SeriesPage page) {
        assertEquals(1, page.series().size(), page.toString());
        return page.series().get(0);
    }

    @Test
    void listsEverySeriesWithItsLatestLevelAndFilters() {
        SeriesPage all = catalog.page(SeriesQuery.all());
        assertEquals(3, all.total());
        assertEquals(List.of("arm", "x86"), all.hardwareClasses());
        SeriesSummary x86 = only(catalog.page(new SeriesQuery("COPY", "x86", null, false, 10, 0)));
        assertEquals("throughput", x86.metric());
        assertEquals(Map.of("size", "1M"), x86.params());
        assertEquals(12, x86.points());
        assertEquals("r12", x86.latestRun());
        assertEquals(130, x86.latestValue(), 1.0);
        assertEquals(1, x86.changePoints());
        assertTrue(SeriesKeys.wellFormed(x86.key()), x86.key());
        assertEquals(1, catalog.page(new SeriesQuery("size=1m", "arm", null, false, 10, 0)).total(), "params searched");
        assertEquals(0, catalog.page(new SeriesQuery("nothing-like-it", null, null, false, 10, 0)).total());
        SeriesPage second = catalog.page(new SeriesQuery(null, null, null, false, 1, 1));
        assertEquals(3, second.total());
        assertEquals(all.series().get(1), only(second), "offset and limit page through the same order");
    }

    @Test
    void aSeriesInFullHasItsPointsTheChangePointAtRunSevenAndTheOutlier() {
        String key = only(catalog.page(new SeriesQuery("copy", "x86", null, false, 10, 0))).key();
        SeriesDetail copy = catalog.detail(key).orElseThrow();
        assertEquals(12, copy.points().size());
        assertEquals("r01", copy.points().get(0).run());
        assertEquals(5, copy.points().get(0).samples());
        assertEquals(1, copy.changePoints().size(), copy.changePoints().toString());
        assertEquals("r07", copy.changePoints().get(0).run());
        assertEquals(6, copy.changePoints().get(0).index());
        assertTrue(copy.changePoints().get(0).changePercent() > 25, copy.changePoints().toString());
        assertNotNull(copy.latest());

        String parseKey = only(catalog.page(new SeriesQuery("parse", null, null, false, 10, 0))).key();
        SeriesDetail parse = catalog.detail(parseKey).orElseThrow();
        assertEquals(1, parse.outliers().size(), parse.outliers().toString());
        assertEquals("r05", parse.outliers().get(0).run());
        assertEquals(4, parse.outliers().get(0).index());
        assertTrue(parse.changePoints().isEmpty(), "a single wild run is no step");

        assertTrue(catalog.detail("0".repeat(20)).isEmpty());
        assertEquals(key, SeriesKeys.of(catalog.matching(SeriesQuery.all()).stream()
                .filter(e -> e.key().equals(key)).findFirst().orElseThrow().series().key()), "keys are derived again alike");
    }

    @Test
    void comparesTwoRunsSeriesBySeries() {
        RunComparison c = catalog.compare("r06", "r07");
        assertEquals(3, c.rows().size());
        RunComparison.ComparedSeries first = c.rows().get(0);
        assertEquals("copy", first.benchmark());
        assertEquals("x86", first.hardware());
        assertEquals("IMPROVEMENT", first.verdict(), first.toString());
        assertTrue(first.changePercent() > 25, first.toString());
        assertEquals(5, first.headSamples());
        RunComparison missing = catalog.compare("r06", "no-such-run");
        assertTrue(missing.rows().isEmpty());
        assertEquals(3, missing.onlyInBase());
        assertEquals(0, missing.onlyInHead());
    }

    @Test
    void theMatrixHasABenchmarkPerRowAndAHardwareClassPerColumn() {
        ResultMatrix m = catalog.matrix(SeriesQuery.all());
        assertEquals(List.of("arm", "x86"), m.hardwareClasses());
        assertEquals(2, m.rows().size());
        ResultMatrix.MatrixRow copy = m.rows().get(0);
        assertEquals("copy", copy.benchmark());
        assertEquals(1.0, copy.cells().get("x86").relative(), 1e-9);
        assertEquals(50.0 / 130, copy.cells().get("arm").relative(), 0.02);
        assertNull(m.rows().get(1).cells().get("arm"), "parse never ran on arm");
        assertFalse(m.truncated());
        assertTrue(catalog.matrix(new SeriesQuery(null, null, null, false, 1, 0)).truncated());
    }

    @Test
    void theBestConfigurationOfCopyIsX86() {
        List<BenchmarkBest> best = catalog.best(SeriesQuery.all());
        BenchmarkBest copy = best.stream().filter(b -> b.benchmark().equals("copy")).findFirst().orElseThrow();
        assertEquals(2, copy.series());
        assertEquals("hardware", copy.strongest().dimension());
        assertNotNull(copy.best(), copy.toString());
        assertEquals("x86", copy.best().hardware());
        assertEquals("arm", copy.runnerUp().hardware());
        assertTrue(SeriesKeys.wellFormed(copy.best().key()));
    }
}
