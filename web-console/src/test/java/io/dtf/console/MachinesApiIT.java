package io.dtf.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.grid.TestGrid;
import io.dtf.node.DtfNode;
import io.dtf.node.Roles;
import io.dtf.wire.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The machines' API on a two-node grid: the core node (every role) and one more worker of its own class. */
class MachinesApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestConsole console;
    private static DtfNode worker;

    @BeforeAll
    static void start() {
        console = TestConsole.start("machines-api-it", 22200);
        worker = console.grid().start("machines-api-gpu", Set.of(Roles.WORKER), Set.of("webgpu"),
                Map.of("dtf.hw.class", "gpu-lab"), 3, options -> options.withConsolePort(-1));
        // The coordinator lists a worker once it has said it is ready.
        TestGrid.await("the new worker ready", Duration.ofSeconds(20),
                () -> Json.read(get("/api/workers").body(), JsonNode.class).get("items").findValuesAsText("state").stream()
                        .filter("ready"::equals).count() == 2);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(console.uri(path)).GET().build());
    }

    private static HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(console.uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return Json.read(r.body(), JsonNode.class);
    }

    @Test
    void workersListsBothWorkersWithTheirHardwareAndLoad() {
        JsonNode list = json(get("/api/workers"), 200);
        assertEquals(2, list.get("total").asInt(), list.toString());
        assertTrue(list.get("coordinatorUp").asBoolean());
        assertEquals(5, list.get("slots").asInt(), "2 slots on the core node, 3 on the worker: " + list);
        JsonNode gpu = null;
        for (JsonNode w : list.get("items")) {
            if (w.get("id").asText().equals(worker.nodeId())) {
                gpu = w;
            }
        }
        assertTrue(gpu != null, list.toString());
        assertEquals("gpu-lab", gpu.get("hwClass").asText());
        assertEquals(3, gpu.get("slots").asInt());
        assertEquals(0, gpu.get("busy").asInt());
        assertEquals(0, gpu.get("failureStreak").asInt());
        assertEquals("gpu-lab", gpu.get("attributes").get("dtf.hw.class").asText());
        assertTrue(gpu.get("attributes").has("dtf.cpu.threads"), gpu.toString());
        assertEquals("[\"worker\"]", gpu.get("roles").toString());
        assertTrue(list.get("hwClasses").toString().contains("\"gpu-lab\""), list.get("hwClasses").toString());
    }

    @Test
    void workersFiltersByHardwareClassAndPages() {
        JsonNode gpu = json(get("/api/workers?hwClass=gpu-lab"), 200);
        assertEquals(1, gpu.get("total").asInt());
        assertEquals(worker.nodeId(), gpu.get("items").get(0).get("id").asText());
        JsonNode page = json(get("/api/workers?offset=1&limit=1"), 200);
        assertEquals(2, page.get("total").asInt());
        assertEquals(1, page.get("items").size());
    }

    @Test
    void badLimitsAndOffsetsAreRefusedNamingTheField() {
        JsonNode limit = json(get("/api/workers?limit=100000"), 400);
        assertEquals("limit", limit.get("field").asText());
        assertTrue(limit.get("message").asText().contains("from 1 to 1000"), limit.toString());
        assertEquals("offset", json(get("/api/workers?offset=-1"), 400).get("field").asText());
        assertEquals("limit", json(get("/api/alerts?limit=abc"), 400).get("field").asText());
        assertEquals("hwClass", json(get("/api/workers?hwClass=" + "x".repeat(300)), 400).get("field").asText());
    }

    @Test
    void oneWorkerHasItsAttributesTasksAndFailures() {
        JsonNode detail = json(get("/api/workers/" + worker.nodeId()), 200);
        assertEquals(worker.nodeId(), detail.get("worker").get("id").asText());
        assertTrue(detail.get("running").isArray() && detail.get("failures").isArray() && detail.get("alerts").isArray(),
                detail.toString());
        // Upper case is the same id.
        assertEquals(200, get("/api/workers/" + worker.nodeId().toUpperCase()).statusCode());
    }

    @Test
    void unknownAndMalformedWorkerIdsAre404WithASentence() {
        JsonNode unknown = json(get("/api/workers/" + UUID.randomUUID()), 404);
        assertTrue(unknown.get("message").asText().contains("GET /api/workers lists"), unknown.toString());
        JsonNode malformed = json(get("/api/workers/not-a-node"), 404);
        assertTrue(malformed.get("message").asText().contains("a UUID"), malformed.toString());
        assertEquals(404, malformed.get("status").asInt());
    }

    @Test
    void releasingAnUnknownWorkerIsRefusedAndAKnownOneAnswersTheCoordinatorsSentence() {
        JsonNode unknown = json(post("/api/workers/" + UUID.randomUUID() + "/release"), 404);
        assertTrue(unknown.get("message").asText().startsWith("no worker "), unknown.toString());
        assertEquals(404, post("/api/workers/%3Cscript%3E/release").statusCode());

        JsonNode released = json(post("/api/workers/" + worker.nodeId() + "/release"), 200);
        assertEquals(worker.nodeId() + " was not quarantined", released.get("message").asText());
        TestGrid.await("the release alert", Duration.ofSeconds(10),
                () -> get("/api/alerts").body().contains("release asked, but it was not quarantined"));
        JsonNode alerts = json(get("/api/alerts?limit=1"), 200);
        assertEquals(1, alerts.get("items").size());
        assertEquals(worker.nodeId(), alerts.get("items").get(0).get("subject").asText());
    }

    @Test
    void topologyGroupsNodesByRoleAndHardwareClass() {
        JsonNode t = json(get("/api/topology"), 200);
        assertEquals(2, t.get("total").asInt());
        assertFalse(t.get("truncated").asBoolean());
        String core = console.node().nodeId();
        assertEquals(core, t.get("coordinator").asText());
        assertEquals("[\"" + core + "\"]", t.get("data").toString());
        assertEquals("[\"" + core + "\"]", t.get("aggregators").toString());
        assertEquals("[\"" + core + "\"]", t.get("consoles").toString());
        assertEquals("[\"" + worker.nodeId() + "\"]", t.get("workersByClass").get("gpu-lab").toString());
        for (JsonNode n : t.get("nodes")) {
            boolean isCore = n.get("id").asText().equals(core);
            assertEquals(isCore, n.get("hostsCoordinator").asBoolean(), n.toString());
            assertEquals(isCore, n.get("local").asBoolean(), n.toString());
            assertEquals("ready", n.get("state").asText(), n.toString());
        }
    }

    @Test
    void healthSaysACoordinatorAndAnAggregatorAreUp() {
        JsonNode h = json(get("/api/health"), 200);
        assertEquals("up", h.get("status").asText());
        assertEquals(2, h.get("nodes").asInt());
        assertTrue(h.get("coordinator").asBoolean(), h.toString());
        assertTrue(h.get("aggregator").asBoolean(), h.toString());
    }

    @Test
    void overviewCountsWorkersAndSlots() {
        JsonNode o = json(get("/api/overview"), 200);
        assertEquals(2, o.get("workersUp").asInt(), o.toString());
        assertEquals(2, o.get("workersReady").asInt(), o.toString());
        assertEquals(5, o.get("slotsTotal").asInt(), o.toString());
        assertTrue(o.get("coordinatorUp").asBoolean() && o.get("aggregatorUp").asBoolean(), o.toString());
        assertTrue(o.get("runs").isArray(), o.toString());
    }
}
