package io.dtf.results.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {
    private static Path freshFile(String name) throws Exception {
        Path file = Path.of("target", "duckdb-test", name + ".duckdb");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        return file;
    }

    private static List<Object> row(DuckDbResultStore store, String nodeId) {
        return store.query(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT hw_class, attributes->>'$.\"dtf.cpu.cores\"', first_seen, last_seen, "
                         + "(SELECT count(*) FROM nodes) FROM nodes WHERE node_id = '" + nodeId + "'")) {
                rs.next();
                return List.of(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class),
                        rs.getObject(4, LocalDateTime.class), rs.getLong(5));
            }
        });
    }

    @Test
    void recordingANodeAgainUpdatesItsAttributesAndWidensWhenItWasSeen() throws Exception {
        Path file = freshFile("nodeUpsert");
        Instant first = Instant.parse("2025-03-01T10:00:00Z");
        try (DuckDbResultStore store = DuckDbResultStore.open(file)) {
            store.recordNode("n1", Map.of("dtf.hw.class", "x86-2c", "dtf.cpu.cores", "2"), first.plusSeconds(60));
            store.recordNode("n1", Map.of("dtf.hw.class", "x86-2c", "dtf.cpu.cores", "2"), first.plusSeconds(60));
            store.recordNode("n1", Map.of("dtf.hw.class", "x86-4c", "dtf.cpu.cores", "4"), first);
            store.recordNode("n1", Map.of("dtf.hw.class", "x86-4c", "dtf.cpu.cores", "4"), first.plusSeconds(120));
            store.recordNode("n2", Map.of(), first);
            assertEquals(List.of("x86-4c", "4", LocalDateTime.parse("2025-03-01T10:00:00"),
                    LocalDateTime.parse("2025-03-01T10:02:00"), 2L), row(store, "n1"));
        }
        try (DuckDbResultStore reopened = DuckDbResultStore.openReadOnly(file)) {
            assertEquals("4", row(reopened, "n1").get(1));
            assertThrows(IllegalStateException.class, () -> reopened.recordNode("n3", Map.of(), first));
        }
    }
}
