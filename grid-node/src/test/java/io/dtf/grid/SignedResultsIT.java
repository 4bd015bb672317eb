package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.audit.AuditAction;
import io.dtf.client.CoordinatorApi;
import io.dtf.client.DtfClient;
import io.dtf.model.AuditEvent;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.ResultSignature;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.WorkerView;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.results.ignite.ResultReplicator;
import io.dtf.security.GridSecurity;
import io.dtf.security.Role;
import io.dtf.security.ignite.ReportKeys;
import io.dtf.security.signing.NodeKey;
import io.dtf.security.token.RevocationList;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.token.TokenVerifier;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.services.ServiceCallContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed results on a real grid in one JVM, with security on for its nodes: a server
 * (coordinator, data, aggregator), an honest worker, and a rogue worker that signs with another key
 * than the one it advertised when it joined. The rogue's reports are refused, counted, alerted and
 * audited, and never stored; its attempts run again on the honest worker, whose signed results
 * reach the cache and DuckDB. Results forged straight into the cache stay out of DuckDB.
 */
class SignedResultsIT {
    private static final int DISCOVERY = 32000;
    private static final int COMMUNICATION = 32100;
    private static final int CLIENT = 32150;

    private static final List<DtfNode> nodes = new ArrayList<>();
    private static final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private static DtfNode server;
    private static DtfNode honest;
    private static DtfNode rogue;
    private static DtfClient client;

    @BeforeAll
    static void startGrid() {
        Path root = Path.of("target", "grids", "signed").toAbsolutePath();
        TestGrid.deleteTree(root);
        SigningKeys keys = SigningKeys.create(root.resolve("keys").resolve("jwt"));
        // Security on for these nodes, as its plugin would register it, with an audit log the test reads.
        GridSecurity security = new GridSecurity(TokenVerifier.of(keys, RevocationList.NONE, Clock.systemUTC()),
                audit::add, root.resolve("keys"));
        for (String name : List.of("server", "honest", "rogue")) {
            GridSecurity.register("signed-" + name, security);
        }
        server = start(root, "server", Set.of("coordinator", "data", "aggregator"));
        honest = start(root, "honest", Set.of("worker"));
        rogue = start(root, "rogue", Set.of("worker"));
        // Signs from now on with a key of its own making, not the one the grid admitted it with.
        ReportKeys.create("signed-rogue");
        String token = new TokenIssuer(keys, Clock.systemUTC()).issue(Role.SUBMITTER, "signed-it",
                Duration.ofHours(1)).token();
        ServiceCallContext context = ServiceCallContext.builder()
                .put(CoordinatorApi.TOKEN_ATTRIBUTE, "Bearer " + token).build();
        client = DtfClient.over(server.ignite().services().serviceProxy(CoordinatorApi.SERVICE_NAME,
                CoordinatorApi.class, false, context, 30_000));
        // Both take work before the first run: the rogue must get some of it.
        TestGrid.await("both workers ready", Duration.ofSeconds(30), () -> client.workers().size() == 2);
    }

    private static DtfNode start(Path root, String name, Set<String> roles) {
        int i = nodes.size();
        DtfNode node = DtfNode.start(NodeOptions.of(TestGrid.config("ignite-default.xml"), root.resolve(name))
                .withRoles(roles).withSlots(1).withInstanceName("signed-" + name)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, CLIENT + i,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 2))));
        nodes.add(node);
        return node;
    }

    @AfterAll
    static void stopGrid() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        for (String name : List.of("server", "honest", "rogue")) {
            GridSecurity.unregister("signed-" + name);
        }
    }

    @Test
    void aWorkersForgedReportsAreRefusedCountedAlertedAuditedAndNeverStoredWhileGoodOnesAreStoredSigned()
            throws Exception {
        String runId = client.submit(new Suite("signed", IntStream.range(0, 6).mapToObj(i -> noop("t" + i)).toList()));
        RunView done = client.await(runId, Duration.ofSeconds(90), r -> { });

        assertEquals(6, done.count(TaskState.PASSED), done.toString());
        List<TaskResult> results = client.results(runId);
        String honestKey = NodeKey.of(honest.nodeId(), (String) honest.attributes().get(ReportKeys.ATTRIBUTE),
                Instant.now()).fingerprint();
        for (TaskResult r : results) {
            if (r.finalAttempt()) {
                assertEquals(honest.nodeId(), r.nodeId());
                assertNotNull(r.signature(), "a stored report carries its worker's signature");
                assertEquals(honestKey, r.signature().keyFingerprint());
                assertFalse(r.metrics().isEmpty());
            } else {
                assertEquals(rogue.nodeId(), r.nodeId(), "only the rogue's attempts were refused");
                assertEquals(TaskState.ERROR, r.status());
                assertEquals(FailureCategory.INFRASTRUCTURE, r.category());
                assertTrue(r.error().startsWith("the worker's report was refused: signed with key "), r.error());
                assertTrue(r.metrics().isEmpty(), "nothing the rogue measured is stored");
                assertNull(r.signature());
            }
        }
        long refusedAttempts = results.stream().filter(r -> !r.finalAttempt()).count();
        assertTrue(refusedAttempts >= 1, "the rogue ran at least one attempt: " + results);

        WorkerView rogueView = client.workers().stream().filter(w -> w.nodeId().equals(rogue.nodeId())).findFirst()
                .orElseThrow();
        assertEquals(refusedAttempts, rogueView.refusedReports());
        assertEquals(refusedAttempts, client.alerts().stream()
                .filter(a -> a.subject().equals(rogue.nodeId()) && a.message().startsWith("report for attempt")).count());
        assertEquals(refusedAttempts, audit.stream().filter(e -> e.action().equals(AuditAction.BAD_SIGNATURE.label())
                && !e.allowed() && e.subject().equals("node " + rogue.nodeId())).count());

        ResultReplicator replicator = server.replicator().orElseThrow();
        long last = results.stream().mapToLong(TaskResult::seq).max().orElseThrow();
        assertTrue(replicator.awaitIngested(last, Duration.ofSeconds(30)));
        List<TaskResult> inDuckDb = server.resultStore().orElseThrow().results(runId);
        assertEquals(results.size(), inDuckDb.size());
        assertTrue(inDuckDb.stream().filter(r -> r.nodeId().equals(rogue.nodeId()))
                .allMatch(r -> r.metrics().isEmpty() && r.status() == TaskState.ERROR));
    }

    @Test
    void resultsForgedIntoTheResultsCacheAreLeftOutOfDuckDb() throws Exception {
        String runId = client.submit(new Suite("forged", List.of(noop("only"))));
        client.await(runId, Duration.ofSeconds(60), r -> { });
        TaskResult good = client.results(runId).stream().filter(TaskResult::finalAttempt).findFirst().orElseThrow();
        ResultReplicator replicator = server.replicator().orElseThrow();
        assertTrue(replicator.awaitIngested(good.seq(), Duration.ofSeconds(30)));
        long refusedBefore = replicator.refusedCount();

        // What someone who can write the cache but holds no worker's key could put there.
        ResultSignature s = good.signature();
        List<TaskResult> forged = List.of(
                copy(good, nextSeq(), List.of(new Metric("faster", "ops/s", List.of(1e9))), s),
                copy(good, nextSeq(), good.metrics(), null),
                copy(good, nextSeq(), good.metrics(),
                        new ResultSignature("0:9", s.attemptStatus(), s.keyFingerprint(), s.value())));
        IgniteCache<Long, String> results = server.ignite().cache(CacheNames.RESULTS);
        forged.forEach(r -> results.put(r.seq(), Json.write(r)));

        TestGrid.await("the aggregator to refuse the forged results", Duration.ofSeconds(30),
                () -> replicator.refusedCount() == refusedBefore + forged.size());
        List<Long> stored = server.resultStore().orElseThrow().results(runId).stream().map(TaskResult::seq).toList();
        assertEquals(List.of(good.seq()), stored);
    }

    private static long nextSeq() {
        return server.ignite().atomicSequence(CacheNames.RESULT_SEQUENCE, 0, false).incrementAndGet();
    }

    private static TaskResult copy(TaskResult r, long seq, List<Metric> metrics, ResultSignature signature) {
        return new TaskResult(seq, r.runId(), r.suite(), r.taskId(), r.taskName(), r.params(), r.attempt(),
                r.finalAttempt(), r.status(), r.startedAt(), r.endedAt(), r.nodeId(), r.hwClass(), r.exitCode(),
                metrics, r.stdoutTail(), r.stderrTail(), r.error(), r.category(), r.decision(), signature);
    }

    private static TaskSpec noop(String id) {
        return new TaskSpec(id, id, Map.of(), new BenchmarkAction("noop", 0, 3), List.of(), 0, Duration.ofSeconds(30),
                0, 1);
    }
}
