package io.dtf.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.dtf.history.CsvHistoryImporter;
import io.dtf.model.SeriesQuery;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogCacheTest {
    private static final String HEADER = "run,timestamp,benchmark,params,metric,unit,hardware,value\n";

    @Test
    void theCatalogIsAnalysedAgainOnlyWhenResultsWereAdded() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "trends-tests")), "cache");
        Path first = Files.writeString(dir.resolve("a.csv"), HEADER + "r1,2024-05-01,copy,,throughput,MB/s,x86,100\n");
        Path second = Files.writeString(dir.resolve("b.csv"), HEADER + "r2,2024-05-02,sort,,time,ms,x86,7\n");
        try (DuckDbResultStore store = DuckDbResultStore.open(dir.resolve("h.duckdb"))) {
            CatalogCache cache = new CatalogCache();
            new CsvHistoryImporter().importFile(first, store);
            SeriesCatalog before = cache.of(store);
            assertSame(before, cache.of(store), "nothing added: the same analysis");
            new CsvHistoryImporter().importFile(second, store);
            SeriesCatalog after = cache.of(store);
            assertNotSame(before, after);
            assertEquals(1, before.page(SeriesQuery.all()).total());
            assertEquals(2, after.page(SeriesQuery.all()).total());
        }
    }
}
