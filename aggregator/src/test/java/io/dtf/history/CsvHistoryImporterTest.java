package io.dtf.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvHistoryImporterTest {
    private static final String HEADER = "run,timestamp,benchmark,params,metric,unit,hardware,value\n";

    private static Path file(String text) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "history-tests"));
        return Files.writeString(Files.createTempFile(dir, "parse", ".csv"), text);
    }

    private static HistoryImportException refused(String text) throws IOException {
        Path f = file(text);
        return assertThrows(HistoryImportException.class, () -> new CsvHistoryImporter().parse(f));
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        HistoryBatch batch = new CsvHistoryImporter().parse(file(HEADER
                + "r1,2024-05-01,\"a, \"\"b\"\"\nc\",\"x=1; y = 2\",t,ms,hw,1.5\r\n\r\nr1,2024-05-01,z,,t,ms,hw,2\n"));
        var keys = batch.results().keySet().stream().toList();
        assertEquals("a, \"b\"\nc", keys.get(0).benchmark());
        assertEquals(Map.of("x", "1", "y", "2"), keys.get(0).params());
        assertEquals(2, batch.samples());
    }

    @Test
    void columnsMayComeInAnyOrder() throws IOException {
        HistoryBatch batch = new CsvHistoryImporter().parse(file(
                "value,hardware,unit,metric,params,benchmark,timestamp,run,branch\n3,hw,ms,t,,b,2024-05-01,r1,dev\n"));
        assertEquals("dev", batch.results().values().iterator().next().branch);
    }

    @Test
    void aBadNumberNamesItsLineAndColumn() throws IOException {
        HistoryImportException e = refused(HEADER + "r1,2024-05-01,b,,t,ms,hw,1\n\"r1\",2024-05-01,b,,t,ms,hw,NaN\n");
        assertEquals(3, e.line());
        assertEquals("value", e.column());
        assertTrue(e.getMessage().contains(", line 3, column 'value': 'NaN' is not a number"), e.getMessage());
    }

    @Test
    void theLineCountsLineBreaksInsideQuotes() throws IOException {
        assertEquals(4, refused(HEADER + "r1,2024-05-01,\"two\nlines\",,t,ms,hw,1\nr1,2024-05-01,b,,t,ms,hw,x\n").line());
    }

    @Test
    void malformedInputIsRefusedWithWhere() throws IOException {
        assertEquals(1, refused("").line());
        assertTrue(refused("run,timestamp,benchmark\n").getMessage().contains("lacks the column(s) params"));
        assertEquals("colour", refused(HEADER.strip() + ",colour\n").column());
        assertTrue(refused(HEADER).getMessage().contains("no rows"));
        assertTrue(refused(HEADER + "r1,2024-05-01,b,,t,ms,hw\n").getMessage().contains("has 7 fields"));
        assertEquals("params", refused(HEADER + "r1,2024-05-01,b,size,t,ms,hw,1\n").column());
        assertEquals("params", refused(HEADER + "r1,2024-05-01,b,a=1;a=2,t,ms,hw,1\n").column());
        assertEquals("timestamp", refused(HEADER + "r1,yesterday,b,,t,ms,hw,1\n").column());
        assertEquals("run", refused(HEADER + ",2024-05-01,b,,t,ms,hw,1\n").column());
        assertEquals("unit", refused(HEADER + "r1,2024-05-01,b,,t,ms,hw,1\nr1,2024-05-01,b,,t,s,hw,1\n").column());
        assertTrue(refused(HEADER + "r1,2024-05-01,\"open,,t,ms,hw,1\n").getMessage().contains("not closed"));
        assertTrue(refused(HEADER + "r1,2024-05-01,b\"x\",,t,ms,hw,1\n").getMessage().contains("stray quote"));
    }

    @Test
    void aHugeLineIsRefusedWithoutBufferingIt() throws IOException {
        HistoryImportException e = refused(HEADER + "r1,2024-05-01," + "x".repeat(CsvHistoryImporter.MAX_RECORD_CHARS + 10)
                + ",,t,ms,hw,1\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("longer than"));
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "history-tests"));
        Path f = Files.write(Files.createTempFile(dir, "latin1", ".csv"), (HEADER + "r1,2024-05-01,caf\u00e9,,t,ms,hw,1\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(HistoryImportException.class, () -> new CsvHistoryImporter().parse(f))
                .getMessage().contains("not UTF-8"));
    }
}
