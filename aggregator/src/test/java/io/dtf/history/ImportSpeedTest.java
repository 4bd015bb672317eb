package io.dtf.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.results.duckdb.DuckDbResultStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The import rate on 1,000,000 samples (100 runs x 200 benchmarks x 50 samples); run on demand with
 * {@code -Ddtf.importSpeed=true}, it prints the rate. The figure is recorded in docs/PERFORMANCE.md.
 */
@EnabledIfSystemProperty(named = "dtf.importSpeed", matches = "true")
class ImportSpeedTest {
    @Test
    void importsAMillionSamples() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "history-tests")), "speed");
        Path csv = dir.resolve("million.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("run,timestamp,benchmark,params,metric,unit,hardware,value\n");
            for (int run = 0; run < 100; run++) {
                String time = "2024-01-01T00:00:00Z".replace("01T", String.format("%02dT", 1 + run % 28));
                for (int bench = 0; bench < 200; bench++) {
                    for (int sample = 0; sample < 50; sample++) {
                        out.write("run-" + run + "," + time + ",bench-" + bench + ",size=" + (bench % 4) + ";threads=4,"
                                + "throughput,ops/s,x86_64-8c-32g," + (1000 + (run * 31 + bench * 7 + sample) % 97) + ".5\n");
                    }
                }
            }
        }
        try (DuckDbResultStore store = DuckDbResultStore.open(dir.resolve("speed.duckdb"))) {
            long start = System.nanoTime();
            ImportSummary summary = new CsvHistoryImporter().importFile(csv, store);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1_000_000, summary.samples());
            System.out.printf("imported %d samples (%d results) in %.2f s: %.0f rows/s%n", summary.samples(),
                    summary.results(), seconds, summary.samples() / seconds);
        }
    }
}
