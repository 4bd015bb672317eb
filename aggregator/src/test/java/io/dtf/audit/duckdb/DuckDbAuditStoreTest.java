package io.dtf.audit.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AuditEvent;
import io.dtf.model.AuditQuery;
import io.dtf.results.ResultOrigin;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class DuckDbAuditStoreTest {
    private static final ResultOrigin GRID = ResultOrigin.grid("audit-test");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    private Path file;
    private DuckDbResultStore store;
    private DuckDbAuditStore audit;

    @BeforeEach
    void openFreshFile(TestInfo test) throws Exception {
        file = Path.of("target", "duckdb-test", "audit-" + test.getTestMethod().orElseThrow().getName() + ".duckdb");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        store = DuckDbResultStore.open(file);
        audit = new DuckDbAuditStore(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static AuditEvent event(int minute, String action, String subject, boolean allowed, String detail) {
        return new AuditEvent(T0.plusSeconds(60L * minute), action, subject, "node-1", allowed, detail);
    }

    static TreeMap<Long, AuditEvent> seqs(AuditEvent... events) {
        TreeMap<Long, AuditEvent> map = new TreeMap<>();
        for (int i = 0; i < events.length; i++) {
            map.put(i + 1L, events[i]);
        }
        return map;
    }

    @Test
    void anEntryDeliveredTwiceIsStoredOnceAndReadsBackEqual() {
        TreeMap<Long, AuditEvent> batch = seqs(event(0, "submit", "alice", true, "run r1"),
                event(1, "token.refused", "anonymous", false, null));

        assertEquals(2, audit.ingest(GRID, batch));
        assertEquals(0, audit.ingest(GRID, batch), "a second delivery is not news");
        assertEquals(1, audit.ingest(GRID, new TreeMap<>(Map.of(3L, event(2, "cancel", "bob", true, "run r1")))));

        assertEquals(3, audit.count());
        assertEquals(List.of(batch.get(1L), batch.get(2L), event(2, "cancel", "bob", true, "run r1")),
                audit.query(AuditQuery.latest()));
    }

    @Test
    void theSameSeqFromAnotherOriginOrWithOtherContentIsKept() {
        audit.ingest(GRID, seqs(event(0, "submit", "alice", true, "run r1")));

        assertEquals(1, audit.ingest(ResultOrigin.grid("restarted"), seqs(event(5, "submit", "carol", true, "run r9"))));
        assertEquals(1, audit.ingest(GRID, seqs(event(0, "submit", "mallory", true, "run r1"))), "kept, not dropped");
        assertEquals(3, audit.count());
    }

    /** Keys start above the highest this instance gave out, and above whatever another writer stored since. */
    @Test
    void entriesStoredMeanwhileByAnotherWriterKeepTheirKeysAndAnOldEntryIsStillRecognised() {
        assertEquals(2, audit.ingest(GRID, seqs(event(0, "submit", "alice", true, "run r1"),
                event(1, "submit", "bob", true, "run r2"))));
        TreeMap<Long, AuditEvent> elsewhere = new TreeMap<>(Map.of(1L, event(2, "cancel", "carol", true, "run r1")));
        assertEquals(1, new DuckDbAuditStore(store).ingest(ResultOrigin.grid("other-grid"), elsewhere));

        TreeMap<Long, AuditEvent> next = new TreeMap<>(Map.of(3L, event(3, "submit", "dave", true, "run r3")));
        assertEquals(1, audit.ingest(GRID, next));
        assertEquals(0, audit.ingest(GRID, new TreeMap<>(Map.of(1L, event(0, "submit", "alice", true, "run r1")))));
        assertEquals(4, audit.count());
    }

    @Test
    void filtersSelectBySinceActionFamilySubjectAndRefusalNewestFirstThenInOrder() {
        audit.ingest(GRID, seqs(
                event(0, "submit", "alice", true, "run r1"),
                event(1, "token.use", "alice", true, null),
                event(2, "token.refused", "anonymous", false, "expired"),
                event(3, "cancel", "bob", false, "no such run"),
                event(4, "submit", "bob", true, "run r2"),
                event(5, "tokenish", "bob", true, "not a token action")));

        assertEquals(List.of("token.use", "token.refused"), actions(new AuditQuery(null, "token", null, false, 10)));
        assertEquals(List.of("submit", "submit"), actions(new AuditQuery(null, "submit", null, false, 10)));
        assertEquals(List.of("token.refused", "cancel"), actions(new AuditQuery(null, null, null, true, 10)));
        assertEquals(List.of("cancel", "submit", "tokenish"), actions(new AuditQuery(null, null, "bob", false, 10)));
        assertEquals(List.of("submit", "tokenish"), actions(new AuditQuery(T0.plusSeconds(240), null, null, false, 10)));
        assertEquals(List.of("submit", "tokenish"), actions(new AuditQuery(null, null, null, false, 2)), "the newest two");
    }

    @Test
    void hostileTextIsStoredAsGivenAndBoundedInLength() {
        String hostile = "line one\nline two\r\u001b[31mred\u001b[0m\u202eevil";
        String huge = "x".repeat(100_000);
        audit.ingest(GRID, seqs(event(0, "submit", hostile, false, hostile), event(1, "submit", "alice", true, huge)));

        List<AuditEvent> back = audit.query(AuditQuery.latest());
        assertEquals(hostile, back.get(0).subject());
        assertEquals(hostile, back.get(0).detail());
        assertEquals(AuditEvent.MAX_DETAIL, back.get(1).detail().length(), "cut to what the grid keeps");
        assertEquals(back.get(1), back.get(1).bounded(), "cutting again changes nothing");
        assertTrue(back.get(1).detail().endsWith("... (100000 characters)"), back.get(1).detail().substring(1990));
    }

    private List<String> actions(AuditQuery query) {
        return audit.query(query).stream().map(AuditEvent::action).toList();
    }
}
