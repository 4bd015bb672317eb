package io.dtf.live.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.DtfClient;
import io.dtf.coordinator.RunRecord;
import io.dtf.coordinator.ignite.TaskRows;
import io.dtf.grid.TestGrid;
import io.dtf.live.Page;
import io.dtf.live.RunQuery;
import io.dtf.live.TaskQuery;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.node.DtfNode;
import io.dtf.requirements.Requirement;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.cache.query.index.Index;
import org.apache.ignite.internal.cache.query.index.sorted.inline.InlineIndexImpl;
import org.apache.ignite.internal.processors.query.QueryUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Live state through Ignite SQL on a grid of two coordinator/data nodes, a third data node and a
 * worker (one JVM), with a 10,000-task run: 8,980 tasks pass, 20 fail, 1,000 wait for a tag no node
 * has. Every page, total and filter answers what the coordinator answers, before and after the
 * coordinator's node stops; rows an earlier version wrote as JSON are read once a coordinator has
 * loaded them; hostile paging and filter text give bounded, empty answers. Ports 22100-22119.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlLiveStateIT {
    private static final int PASSING = 8_980;
    private static final int FAILING = 20;
    private static final int WAITING = 1_000;
    private static final int TOTAL = PASSING + FAILING + WAITING;

    private static TestGrid grid;
    private static DtfNode coreA;
    private static DtfNode coreB;
    private static DtfNode worker;
    private static DtfClient client;
    private static SqlLiveState live;
    private static String runId;
    private static String endedRunId;

    @BeforeAll
    static void startGridAndRun() {
        grid = new TestGrid("live-sql", 22100, 22110);
        coreA = grid.start("core-a", Set.of("coordinator", "data"), Set.of(), Map.of(), 1);
        coreB = grid.start("core-b", Set.of("coordinator", "data"), Set.of(), Map.of(), 1);
        grid.start("data-c", Set.of("data"), Set.of(), Map.of(), 1);
        worker = grid.start("worker", Set.of("worker"), Set.of(), Map.of(), 16);
        client = DtfClient.over(worker.coordinator(Duration.ofSeconds(30)));
        // Read from the worker, which holds no data: SQL goes to the data nodes from anywhere.
        live = new SqlLiveState(worker.ignite(), () -> worker.coordinator(Duration.ofSeconds(30)));

        List<TaskSpec> tasks = new ArrayList<>(TOTAL);
        for (int i = 0; i < TOTAL; i++) {
            if (i % 10 == 3 && i / 10 < WAITING) {
                tasks.add(new TaskSpec("wait-" + i, "Waiter", Map.of(), new BenchmarkAction("noop", 0, 1),
                        List.of(Requirement.parse("tag nosuch")), 2, Duration.ofMinutes(1), 0, 1));
            } else if (i % 500 == 7) {
                tasks.add(new TaskSpec("fail-" + i, "failer", Map.of(),
                        new CommandAction(List.of("sh", "-c", "exit 3"), Map.of(), null), List.of(), 0,
                        Duration.ofMinutes(1), 0, 1));
            } else {
                tasks.add(new TaskSpec("pass-" + i, "noop", Map.of(), new BenchmarkAction("noop", 0, 1), List.of(),
                        0, Duration.ofMinutes(1), 0, 1));
            }
        }
        runId = client.submit(new Suite("live-sql", tasks));
        TestGrid.await("every task but the waiting ones to end", Duration.ofSeconds(180),
                () -> client.status(runId).done() == PASSING + FAILING);
        endedRunId = client.submit(new Suite("other-suite", List.of(new TaskSpec("one", "noop", Map.of(),
                new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(1), 0, 1))));
        TestGrid.await("the small run to end", Duration.ofSeconds(60),
                () -> client.status(endedRunId).endedAt() != null);
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    /**
     * Every index of the two tables compares its entries without reading rows: keys and run ids share
     * long prefixes, and an index that keeps only a few bytes of each reads a row per comparison.
     */
    @Test
    @Order(0)
    void everyIndexKeepsWholeKeysInline() {
        for (String cache : List.of(CacheNames.TASKS, CacheNames.RUNS)) {
            List<String> checked = new ArrayList<>();
            for (Index index : ((IgniteEx) coreA.ignite()).context().indexProcessor().indexes(cache)) {
                if (index instanceof InlineIndexImpl inline) {
                    assertEquals(TaskRows.INLINE_SIZE, inline.segment(0).inlineSize(), cache + " " + index.name());
                    checked.add(index.name());
                }
            }
            assertTrue(checked.contains(QueryUtils.PRIMARY_KEY_INDEX), cache + ": " + checked);
            assertEquals(2, checked.size(), cache + ": " + checked);
        }
    }

    @Test
    @Order(1)
    void pagesTotalsAndFiltersAgreeWithTheCoordinator() {
        assertAgreesWithTheCoordinator();
    }

    @Test
    @Order(2)
    void runsComeNewestFirstWithCountsAndFilters() {
        Page<RunView> all = live.runs(new RunQuery(null, null, 0, 10));
        assertEquals(2, all.total());
        assertEquals(List.of(endedRunId, runId), all.items().stream().map(RunView::runId).toList());
        RunView big = all.items().get(1);
        RunView coordinators = client.status(runId);
        assertEquals(coordinators.counts(), big.counts());
        assertEquals(Map.of(TaskState.PASSED, PASSING, TaskState.FAILED, FAILING, TaskState.QUEUED, WAITING),
                big.counts());
        assertEquals(TOTAL, big.total());
        assertEquals(coordinators.submittedAt().toEpochMilli(), big.submittedAt().toEpochMilli());

        assertEquals(List.of(runId), ids(live.runs(new RunQuery(null, true, 0, 10))));
        assertEquals(List.of(endedRunId), ids(live.runs(new RunQuery(null, false, 0, 10))));
        assertEquals(List.of(endedRunId), ids(live.runs(new RunQuery("OTHER", null, 0, 10))));
        assertEquals(List.of(runId), ids(live.runs(new RunQuery("live-sql", null, 0, 10))));
        assertEquals(List.of(runId), ids(live.runs(new RunQuery(null, null, 1, 1))), "the second page of one");
        assertEquals(endedRunId, live.run(endedRunId).orElseThrow().runId());
        assertTrue(live.run("no-such-run").isEmpty());
    }

    @Test
    @Order(3)
    void hostileInputsGetBoundedOrEmptyAnswers() {
        Page<TaskView> none = live.tasks(new TaskQuery(runId, Set.of(), null, 0, 0));
        assertEquals(List.of(), none.items());
        assertEquals(TOTAL, none.total(), "a limit of 0 still counts");
        assertEquals(List.of(), live.tasks(new TaskQuery(runId, Set.of(), null, 0, -5)).items());
        Page<TaskView> huge = live.tasks(new TaskQuery(runId, Set.of(), null, 0, Integer.MAX_VALUE));
        assertEquals(SqlLiveState.MAX_LIMIT, huge.items().size());
        assertEquals(SqlLiveState.MAX_LIMIT, huge.limit());
        Page<TaskView> beyond = live.tasks(new TaskQuery(runId, Set.of(), null, Integer.MAX_VALUE, 50));
        assertEquals(List.of(), beyond.items());
        assertEquals(TOTAL, beyond.total());
        assertEquals(live.tasks(new TaskQuery(runId, Set.of(), null, 0, 5)).items(),
                live.tasks(new TaskQuery(runId, Set.of(), null, -40, 5)).items(), "a negative offset is 0");
        for (String text : List.of("%", "_", "'", "\\", "' OR '1'='1", "pass-1%'; DELETE FROM DtfTask; --",
                "pass-_", "\"", "*")) {
            Page<TaskView> page = live.tasks(new TaskQuery(runId, Set.of(), text, 0, 10));
            assertEquals(0, page.total(), "no id or name contains " + text);
            assertEquals(List.of(), page.items());
            assertEquals(0, live.runs(new RunQuery(text, null, 0, 10)).total(), "no suite contains " + text);
        }
        assertEquals(0, live.tasks(new TaskQuery("' OR '1'='1", Set.of(), null, 0, 10)).total());
        assertEquals(0, live.tasks(new TaskQuery(null, Set.of(), null, 0, 10)).total());
        assertEquals(TOTAL, live.tasks(new TaskQuery(runId, Set.of(), null, 0, 1)).total(), "nothing was removed");
    }

    @Test
    @Order(4)
    void afterTheCoordinatorsNodeStopsRowsReadTheSameAndLegacyRowsAreReadToo() {
        // What an earlier version wrote: a run and a task as JSON text (the spec was JSON then as now).
        // Ended just now: a run ended longer ago than the run retention is forgotten by the next coordinator.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TaskSpec spec = new TaskSpec("old-1", "Old Task", Map.of(), new BenchmarkAction("noop", 0, 1), List.of(), 4,
                Duration.ofMinutes(1), 0, 1);
        worker.ignite().cache(CacheNames.RUNS).put("legacy-run",
                Json.write(new RunRecord("legacy-run", "old-suite", at, 1, at.plusSeconds(2))));
        worker.ignite().cache(CacheNames.TASK_SPECS).put("legacy-run/old-1", Json.write(spec));
        worker.ignite().cache(CacheNames.TASKS).put("legacy-run/old-1", """
                {"runId":"legacy-run","suite":"old-suite","order":1,"state":"PASSED","attempts":2,\
                "nodeId":"n-1","hwClass":"linux-x86","updatedAt":1795870262.729000000,"attemptId":"1:2"}""");
        assertTrue(live.run("legacy-run").isEmpty(), "SQL cannot see JSON rows until a coordinator rewrites them");

        String host = client.coordinator().nodeId();
        DtfNode coordinatorsNode = host.equals(coreA.nodeId()) ? coreA : coreB;
        assertTrue(host.equals(coreA.nodeId()) || host.equals(coreB.nodeId()), host);
        coordinatorsNode.close();
        TestGrid.await("the coordinator to move", Duration.ofSeconds(60), () -> {
            try {
                return !client.coordinator().nodeId().equals(host);
            } catch (RuntimeException notDeployedYet) {
                return false;
            }
        });
        assertNotEquals(host, client.coordinator().nodeId());
        TestGrid.await("the new coordinator to know why tasks wait", Duration.ofSeconds(60),
                () -> client.tasks(runId).stream().anyMatch(t -> t.waitingReason() != null));

        assertAgreesWithTheCoordinator();
        RunView legacy = live.run("legacy-run").orElseThrow();
        assertEquals("old-suite", legacy.suite());
        assertEquals(at, legacy.submittedAt());
        assertEquals(Map.of(TaskState.PASSED, 1), legacy.counts());
        assertEquals(List.of(new TaskView("old-1", "Old Task", TaskState.PASSED, 2, 4, "n-1", "linux-x86", null)),
                live.tasks(new TaskQuery("legacy-run", Set.of(), "old task", 0, 10)).items());
        assertEquals(3, live.runs(new RunQuery(null, null, 0, 10)).total());
    }

    /** Pages, totals, state and name filters as SQL answers them, against the coordinator's own list. */
    private static void assertAgreesWithTheCoordinator() {
        List<TaskView> all = client.tasks(runId);
        assertEquals(TOTAL, all.size());
        assertTrue(all.stream().filter(t -> t.state() == TaskState.QUEUED)
                .allMatch(t -> t.waitingReason() != null && t.waitingReason().contains("tag nosuch")), "reasons known");
        for (int offset : new int[] {0, 100, 4_990, 9_950}) {
            Page<TaskView> page = live.tasks(new TaskQuery(runId, Set.of(), null, offset, 100));
            assertEquals(TOTAL, page.total());
            assertEquals(offset, page.offset());
            assertEquals(all.subList(offset, Math.min(TOTAL, offset + 100)), page.items(), "page at " + offset);
        }
        assertFiltered(all, Set.of(TaskState.QUEUED), null, WAITING);
        assertFiltered(all, Set.of(TaskState.FAILED), null, FAILING);
        assertFiltered(all, Set.of(TaskState.FAILED, TaskState.QUEUED), null, FAILING + WAITING);
        assertFiltered(all, Set.of(TaskState.RUNNING), null, 0);
        assertFiltered(all, Set.of(), "WAIT-99", 11);
        assertFiltered(all, Set.of(), "waiter", WAITING);
        assertFiltered(all, Set.of(TaskState.QUEUED, TaskState.PASSED), "-12", 111);
        assertFiltered(all, Set.of(TaskState.PASSED), "ss-12", 100);
    }

    private static void assertFiltered(List<TaskView> all, Set<TaskState> states, String name, int expectedTotal) {
        List<TaskView> expected = all.stream().filter(t -> states.isEmpty() || states.contains(t.state()))
                .filter(t -> name == null || contains(t.taskId(), name) || contains(t.name(), name)).toList();
        assertEquals(expectedTotal, expected.size(), "the fixture");
        int limit = 50;
        for (int offset = 0; offset < Math.min(expected.size(), 3 * limit); offset += limit) {
            Page<TaskView> page = live.tasks(new TaskQuery(runId, states, name, offset, limit));
            assertEquals(expected.size(), page.total(), states + " " + name);
            assertEquals(expected.subList(offset, Math.min(expected.size(), offset + limit)), page.items(),
                    states + " " + name + " at " + offset);
        }
        assertEquals(expected.size(), live.tasks(new TaskQuery(runId, states, name, 0, 1)).total());
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static List<String> ids(Page<RunView> page) {
        return page.items().stream().map(RunView::runId).toList();
    }
}
