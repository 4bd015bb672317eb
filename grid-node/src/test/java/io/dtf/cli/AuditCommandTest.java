package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.audit.duckdb.DuckDbAuditStore;
import io.dtf.model.AuditEvent;
import io.dtf.node.DtfNode;
import io.dtf.results.ResultOrigin;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dtf audit} against a real DuckDB file: filters, table and JSON, and hostile text printed safely. */
class AuditCommandTest {
    static final String HOSTILE = "evil\u001b]0;pwned\u0007\u001b[2J\rFAKE allowed\u202e\nnext line";

    @TempDir
    static Path dataDir;
    static String dir;

    @BeforeAll
    static void writeAuditLog() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TreeMap<Long, AuditEvent> events = new TreeMap<>();
        events.put(1L, new AuditEvent(now.minus(3, ChronoUnit.DAYS), "submit", "alice", "node-aaaaaaaa-1", true,
                "run old-1: suite nightly, 3 tasks"));
        events.put(2L, new AuditEvent(now.minus(50, ChronoUnit.MINUTES), "token.refused", "anonymous", "n2", false,
                "token expired"));
        events.put(3L, new AuditEvent(now.minus(40, ChronoUnit.MINUTES), "submit", "bob", "n2", true,
                "run r2: suite perf, 1 tasks"));
        events.put(4L, new AuditEvent(now.minus(30, ChronoUnit.MINUTES), "cancel", "bob", "n2", false,
                "refused run nope: no such run"));
        events.put(5L, new AuditEvent(now.minus(20, ChronoUnit.MINUTES), "join.refused", HOSTILE, "n1", false, HOSTILE));
        events.put(6L, new AuditEvent(now.minus(10, ChronoUnit.MINUTES), "token.use", "alice", "n1", true,
                "x".repeat(50_000)));
        dir = dataDir.toString();
        try (DuckDbResultStore store = DuckDbResultStore.open(dataDir.resolve(DtfNode.DUCKDB_FILE))) {
            new DuckDbAuditStore(store).ingest(ResultOrigin.grid("cli-test"), events);
        }
    }

    @Test
    void theTableShowsTheNewestEntriesOldestFirst() {
        Launcher.Outcome all = InProcessCli.dtf("audit", "--data-dir", dir);
        assertEquals(0, all.exitCode(), all.err());
        assertEquals(7, all.out().lines().count(), "a header and six entries, one line each:\n" + all.out());
        assertTrue(all.out().lines().skip(1).findFirst().orElseThrow().contains("run old-1"), all.out());
        assertTrue(all.out().contains("node-aaa ") && all.out().contains("REFUSED"), all.out());

        Launcher.Outcome two = InProcessCli.dtf("audit", "--data-dir", dir, "--limit", "2");
        assertEquals(3, two.out().lines().count(), two.out());
        assertTrue(two.out().contains("join.refused") && two.out().contains("token.use"), two.out());
    }

    @Test
    void filtersBySinceActionFamilySubjectAndRefusal() throws Exception {
        assertEquals(5, entries("--since", "1h").size());
        assertEquals(2, entries("--action", "token").size());
        assertEquals(2, entries("--action", "submit").size());
        JsonNode bob = entries("--subject", "bob");
        assertEquals(2, bob.size());
        assertEquals("submit", bob.get(0).get("action").asText());
        JsonNode refused = entries("--refused", "--since", "45m");
        assertEquals(2, refused.size());
        assertEquals("cancel", refused.get(0).get("action").asText());
        assertFalse(refused.get(0).get("allowed").asBoolean());
        assertTrue(refused.get(0).get("at").asText().endsWith("Z"), "ISO-8601 UTC: " + refused);
        assertEquals(0, entries("--subject", "nobody").size());
    }

    @Test
    void hostileTextIsEscapedInTheTableAndInJsonAndLongDetailsAreCut() throws Exception {
        Launcher.Outcome table = InProcessCli.dtf("audit", "--data-dir", dir, "--since", "25m");
        assertEquals(0, table.exitCode(), table.err());
        assertClean(table.out());
        assertEquals(3, table.out().lines().count(), "no fake lines:\n" + table.out());
        assertTrue(table.out().contains("evil\\u001b]0;pwned\\u0007\\u001b[2J\\rFAKE allowed\\u202e\\nnext line"),
                table.out());
        assertTrue(table.out().contains("x... ("), "cut, saying so:\n" + table.out());
        assertTrue(table.out().length() < 2_000, "a long detail is cut in the table:\n" + table.out());

        Launcher.Outcome json = InProcessCli.dtf("audit", "--data-dir", dir, "--since", "25m", "--json");
        assertClean(json.out());
        JsonNode events = Json.mapper().readTree(json.out());
        assertEquals(HOSTILE, events.get(0).get("detail").asText(), "JSON keeps the text, escaped");
        assertTrue(events.get(1).get("detail").asText().endsWith("... (50000 characters)"), "stored cut");
    }

    @Test
    void badOptionsAndAMissingFileAreUsageErrorsThatSayWhatToDo() {
        Launcher.Outcome limit = InProcessCli.dtf("audit", "--data-dir", dir, "--limit", "0");
        assertEquals(2, limit.exitCode());
        assertTrue(limit.err().contains("limit: 0 is not between 1 and 10000"), limit.err());
        Launcher.Outcome action = InProcessCli.dtf("audit", "--data-dir", dir, "--action", "sumbit");
        assertEquals(2, action.exitCode());
        assertTrue(action.err().contains("'sumbit' is not an audit action; use one of submit, cancel"), action.err());
        Launcher.Outcome missing = InProcessCli.dtf("audit", "--data-dir", dataDir.resolve("none").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("give --data-dir DIR (a node's data directory) or --grid HOST:PORT"),
                missing.err());
    }

    private static JsonNode entries(String... filters) throws Exception {
        String[] args = new String[filters.length + 4];
        args[0] = "audit";
        args[1] = "--data-dir";
        args[2] = dir;
        args[3] = "--json";
        System.arraycopy(filters, 0, args, 4, filters.length);
        Launcher.Outcome o = InProcessCli.dtf(args);
        assertEquals(0, o.exitCode(), o.err());
        return Json.mapper().readTree(o.out());
    }

    static void assertClean(String text) {
        assertFalse(text.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == '\r' || c == 0x202e), text);
    }
}
