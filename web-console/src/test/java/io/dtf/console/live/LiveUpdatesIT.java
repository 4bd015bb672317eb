package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.client.CoordinatorApi;
import io.dtf.console.TestConsole;
import io.dtf.grid.TestGrid;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /ws} on a real grid, read by a plain WebSocket client as a page reads it. */
class LiveUpdatesIT {
    private static final int MAX_SESSIONS = 40;
    private static TestConsole console;
    private static CoordinatorApi coordinator;

    @BeforeAll
    static void start() {
        System.setProperty("dtf.console.ws.maxSessions", String.valueOf(MAX_SESSIONS));
        try {
            console = TestConsole.start("live-ws-it", 22600);
        } finally {
            System.clearProperty("dtf.console.ws.maxSessions");
        }
        coordinator = console.node().coordinator(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static URI ws(String query) {
        return URI.create(console.uri("/ws").toString().replaceFirst("^http", "ws") + query);
    }

    private static String origin() {
        return console.server().url();
    }

    private static String submit(String name, List<TaskSpec> tasks) {
        SubmitReply reply = Json.read(coordinator.submit(Json.write(new Suite(name, tasks))), SubmitReply.class);
        assertTrue(reply.errors().isEmpty(), reply.errors().toString());
        return reply.runId();
    }

    private static TaskSpec command(String id, String script) {
        return new TaskSpec(id, id, Map.of(), new CommandAction(List.of("sh", "-c", script), Map.of(), null), List.of(), 0,
                Duration.ofSeconds(30), 0, 1);
    }

    private static JsonNode runEnd(LiveClient client, String runId) {
        return client.awaitEvent("the end of run " + runId, e -> e.path("type").asText().equals("run")
                && e.path("runId").asText().equals(runId) && !e.path("endedAt").isNull());
    }

    /** Each task's last state as the frames told it. */
    private static Map<String, String> lastStates(LiveClient client, String runId) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode e : client.events()) {
            if (e.path("type").asText().equals("task") && e.path("runId").asText().equals(runId)) {
                out.put(e.get("taskId").asText(), e.get("state").asText());
            }
        }
        return out;
    }

    @Test
    void aSubmittedSuitesTasksAndRunArePushedToTheirFinalStates() throws Exception {
        try (LiveClient client = LiveClient.connect(ws(""), Map.of("Origin", origin()))) {
            client.awaitFrames("the first frame", f -> !f.isEmpty());
            JsonNode hello = client.frames.get(0);
            assertEquals(0, hello.get("events").size(), "a fresh page gets the latest number first");
            String runId = submit("live-suite", List.of(command("ok-1", "true"), command("ok-2", "echo hi"),
                    command("bad", "exit 3")));
            JsonNode end = runEnd(client, runId);
            assertEquals(Map.of("ok-1", "PASSED", "ok-2", "PASSED", "bad", "FAILED"), lastStates(client, runId));
            assertEquals("live-suite", end.get("suite").asText());
            assertEquals(3, end.get("total").asInt());
            assertEquals(2, end.get("counts").get("PASSED").asInt());
            assertEquals(1, end.get("counts").get("FAILED").asInt());
            JsonNode passed = client.events().stream().filter(e -> e.path("taskId").asText().equals("ok-1")
                    && e.path("state").asText().equals("PASSED")).findFirst().orElseThrow();
            assertEquals(1, passed.get("attempts").asInt());
            assertFalse(passed.get("nodeId").isNull());
            assertTrue(passed.get("at").asText().endsWith("Z"), "instants are ISO-8601: " + passed);
            long previous = 0;
            for (JsonNode f : client.frames) {
                assertTrue(f.get("seq").asLong() > previous, "numbers increase");
                previous = f.get("seq").asLong();
            }
        }
    }

    @Test
    void aWorkerThatJoinsAndLeavesIsPushed() throws Exception {
        try (LiveClient client = LiveClient.connect(ws(""))) {
            DtfNode worker = console.worker("live-ws-worker", 1, Set.of("gpu"));
            String id = worker.ignite().cluster().localNode().id().toString();
            JsonNode joined = client.awaitEvent("the worker's join", e -> e.path("type").asText().equals("node")
                    && e.path("nodeId").asText().equals(id) && e.path("change").asText().equals("joined"));
            assertTrue(joined.get("roles").toString().contains("worker"), joined.toString());
            assertNotNull(joined.get("hwClass").textValue());
            worker.close();
            client.awaitEvent("the worker's leave", e -> e.path("type").asText().equals("node")
                    && e.path("nodeId").asText().equals(id) && !e.path("change").asText().equals("joined"));
        }
    }

    @Test
    void aPageThatReconnectsGetsExactlyTheFramesItMissed() throws Exception {
        try (LiveClient witness = LiveClient.connect(ws(""))) {
            long missedAfter;
            try (LiveClient page = LiveClient.connect(ws(""))) {
                page.awaitFrames("the first frame", f -> !f.isEmpty());
                missedAfter = page.lastSeq();
            }
            String runId = submit("live-missed", List.of(command("a", "true"), command("b", "true")));
            runEnd(witness, runId);
            long latest = witness.lastSeq();
            try (LiveClient back = LiveClient.connect(ws("?since=" + missedAfter))) {
                back.awaitFrames("the catch-up", f -> !f.isEmpty() && f.get(f.size() - 1).get("seq").asLong() >= latest);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < witness.frames.size(); i++) {
                    long seq = witness.frames.get(i).get("seq").asLong();
                    if (seq > missedAfter && seq <= latest) {
                        expected.add(witness.texts.get(i));
                    }
                }
                assertFalse(expected.isEmpty());
                assertEquals(expected, back.texts.subList(0, expected.size()));
            }
        }
    }

    @Test
    void aPageThatMissedMoreThanIsKeptOrGivesANumberNeverSentIsToldToResync() throws Exception {
        for (String since : new String[] {"1", "9".repeat(30), String.valueOf(Long.MAX_VALUE)}) {
            try (LiveClient page = LiveClient.connect(ws("?since=" + since))) {
                page.awaitFrames("a frame", f -> !f.isEmpty());
                JsonNode first = page.frames.get(0);
                assertTrue(first.get("resync").asBoolean(), since + ": " + first);
                assertTrue(first.get("seq").asLong() > 1_000_000_000_000L, "numbers start at the console's start time");
            }
        }
    }

    @Test
    void twoThousandQuickTasksMakeFarFewerFramesThanChanges() throws Exception {
        try (LiveClient client = LiveClient.connect(ws(""))) {
            List<TaskSpec> tasks = IntStream.range(0, 2_000).mapToObj(i -> new TaskSpec("q" + i, "q" + i, Map.of(),
                    new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(1), 0, 1)).toList();
            String runId = submit("live-burst", tasks);
            runEnd(client, runId);
            Map<String, String> states = lastStates(client, runId);
            assertEquals(2_000, states.size());
            assertTrue(states.values().stream().allMatch("PASSED"::equals), "every task ends PASSED on the page");
            long frames = client.frames.stream().filter(f -> f.toString().contains(runId)).count();
            // at least 4,000 changes (each task queued, then ended) arrived in this many frames
            assertTrue(frames < 200, frames + " frames");
            long taskEvents = client.events().stream().filter(e -> e.path("runId").asText().equals(runId)
                    && e.path("type").asText().equals("task")).count();
            assertTrue(taskEvents <= 4_000 + 2_000, taskEvents + " task events");
            assertTrue(client.frames.stream().allMatch(f -> !f.has("events") || f.get("events").size() <= 500));
        }
    }

    @Test
    void binaryTaskValuesAreReadLikeJsonOnes() throws Exception {
        IgniteCache<String, Object> tasks = console.node().ignite().<String, Object>cache(CacheNames.TASKS).withKeepBinary();
        BinaryObject value = console.node().ignite().binary().builder("io.dtf.live.TaskStateRow")
                .setField("runId", "binary-run").setField("taskId", "t/1").setField("state", "RUNNING")
                .setField("attempts", 2).setField("nodeId", "n-9").setField("updatedAt", 1_795_870_262_729L).build();
        try (LiveClient client = LiveClient.connect(ws(""))) {
            client.awaitFrames("the first frame", f -> !f.isEmpty());
            tasks.put("binary-run/t/1", value);
            JsonNode e = client.awaitEvent("the binary task", x -> x.path("runId").asText().equals("binary-run"));
            assertEquals("t/1", e.get("taskId").asText());
            assertEquals("RUNNING", e.get("state").asText());
            assertEquals(2, e.get("attempts").asInt());
            assertEquals("n-9", e.get("nodeId").asText());
            assertEquals("2026-11-28T12:51:02.729Z", e.get("at").asText());
        } finally {
            tasks.remove("binary-run/t/1");
        }
    }

    @Test
    void aPageOfAnotherSiteIsRefused() throws Exception {
        for (String bad : new String[] {"http://evil.example", "null", "http://127.0.0.1:1"}) {
            Exception e = assertThrowsAny(() -> LiveClient.connect(ws(""), Map.of("Origin", bad)));
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e, bad);
            assertEquals(403, refused.getResponse().statusCode(), bad);
        }
        try (LiveClient own = LiveClient.connect(ws(""), Map.of("Origin", origin()))) {
            own.awaitFrames("a frame", f -> !f.isEmpty());
        }
    }

    @Test
    void hostileInputDoesNoHarm() throws Exception {
        Exception garbage = assertThrowsAny(() -> LiveClient.connect(ws("?since=12%27%3B--")));
        assertEquals(400, ((WebSocketHandshakeException) garbage).getResponse().statusCode());

        try (LiveClient binary = LiveClient.connect(ws(""))) {
            binary.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true);
            assertEquals(1003, binary.closedWith.get(20, TimeUnit.SECONDS));
        }
        try (LiveClient huge = LiveClient.connect(ws(""))) {
            huge.socket().sendText("x".repeat(100_000), true);
            // Past the bound the server closes (1009); the client may see that as a close or, still sending, as an error.
            int code = huge.closedWith.get(20, TimeUnit.SECONDS);
            assertTrue(code == 1009 || code == -1, "closed with " + code);
        }

        List<LiveClient> many = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < MAX_SESSIONS + 10; i++) {
                try {
                    many.add(LiveClient.connect(ws("")));
                } catch (WebSocketHandshakeException e) {
                    assertEquals(503, e.getResponse().statusCode());
                    refused++;
                }
            }
            assertTrue(refused >= 10, refused + " refused");
        } finally {
            many.forEach(LiveClient::close);
        }
        // The console still serves: once the dropped connections are gone, a page connects and gets news.
        LiveClient[] again = new LiveClient[1];
        TestGrid.await("a connection after the crowd left", Duration.ofSeconds(30), () -> {
            try {
                again[0] = LiveClient.connect(ws(""));
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        try (LiveClient page = again[0]) {
            String runId = submit("live-after-hostile", List.of(command("still", "true")));
            runEnd(page, runId);
        }
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static Exception assertThrowsAny(Attempt attempt) {
        try {
            attempt.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
