package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.artifact.ArtifactLimits;
import io.dtf.artifact.Artifacts;
import io.dtf.artifact.LocalArtifact;
import io.dtf.artifact.UploadReport;
import io.dtf.cli.ExitCodes;
import io.dtf.cli.InProcessCli;
import io.dtf.cli.Launcher;
import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.ArtifactRef;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.wire.CacheNames;
import io.dtf.worker.artifact.ArtifactCache;
import io.dtf.worker.artifact.CacheBound;
import io.dtf.worker.command.CommandPolicy;
import io.dtf.worker.ignite.WorkerArtifacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Artifacts end to end on a grid of three nodes: two data nodes hold the chunks, a thin client uploads
 * through the coordinator service, and a worker on a node of its own fetches, checks and caches them.
 */
class ArtifactsIT {
    private static final int DISCOVERY = 21000;
    private static final int COMMUNICATION = 21010;
    private static final int CLIENT = 21020;
    private static final String CACHE_BOUND = "10MiB";

    private static final List<DtfNode> nodes = new ArrayList<>();
    private static Path root;
    private static DtfNode server;
    private static DtfNode worker;
    private static DtfClient client;

    @BeforeAll
    static void startGrid() {
        // In-JVM nodes share system properties: the worker's cache bound and the grid's artifact bound.
        System.setProperty(CacheBound.PROPERTY, CACHE_BOUND);
        System.setProperty(ArtifactLimits.MAX_SIZE, "8MiB");
        root = Path.of("target", "grids", "artifacts").toAbsolutePath();
        TestGrid.deleteTree(root);
        server = start("server", Set.of("coordinator", "data"));
        start("data", Set.of("data"));
        worker = start("worker", Set.of("worker"));
        client = DtfClient.connect(ClientOptions.of("127.0.0.1:" + CLIENT));
    }

    private static DtfNode start(String name, Set<String> roles) {
        int i = nodes.size();
        DtfNode node = DtfNode.start(NodeOptions.of(TestGrid.config("ignite-default.xml"), root.resolve(name))
                .withRoles(roles).withSlots(1).withInstanceName("artifacts-" + name).withCommands(CommandPolicy.ANY)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, CLIENT + i,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 2))));
        nodes.add(node);
        return node;
    }

    @AfterAll
    static void stopGrid() {
        if (client != null) {
            client.close();
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        System.clearProperty(CacheBound.PROPERTY);
        System.clearProperty(ArtifactLimits.MAX_SIZE);
    }

    @Test
    void aSecondUploadSendsOnlyDigestsAndAWorkerElsewhereMaterialisesFileAndTree() throws Exception {
        byte[] jarBytes = random(3 * (1 << 20) + 123, 1); // four chunks
        LocalArtifact jar = Artifacts.file(Files.write(root.resolve("lib-1.0.jar"), jarBytes));
        Path classes = root.resolve("src/test-classes");
        Files.createDirectories(classes.resolve("pkg"));
        Files.writeString(classes.resolve("pkg/ATest.class"), "class bytes");
        Files.writeString(classes.resolve("data.txt"), "resource");
        LocalArtifact tree = Artifacts.tree(classes, root.resolve("packed"));

        UploadReport first = client.upload(List.of(jar, tree, jar));
        assertEquals(new UploadReport(2, 2, jar.ref().size() + tree.ref().size(),
                jar.ref().size() + tree.ref().size()), first);
        UploadReport second = client.upload(List.of(jar, tree));
        assertEquals(0, second.sent());
        assertEquals(0, second.bytesSent());

        ArtifactCache cache = WorkerArtifacts.of(worker.ignite());
        assertArrayEquals(jarBytes, Files.readAllBytes(cache.path(jar.ref())));
        Path dir = cache.path(tree.ref());
        assertEquals("class bytes", Files.readString(dir.resolve("pkg/ATest.class")));
        assertEquals("resource", Files.readString(dir.resolve("data.txt")));
        assertTrue(dir.startsWith(worker.dataDir().resolve(WorkerArtifacts.FOLDER)), dir.toString());
    }

    @Test
    void bytesThatDoNotMatchTheirDigestAreRefusedAndNothingIsStored() throws Exception {
        Path file = Files.write(root.resolve("liar.jar"), random(2 * (1 << 20) + 7, 2));
        String otherDigest = Artifacts.file(Files.write(root.resolve("other.bin"), random(10, 3))).ref().sha256();
        LocalArtifact liar = new LocalArtifact(new ArtifactRef(otherDigest, "liar.jar", Files.size(file),
                ArtifactRef.Kind.FILE), file);
        String actual = Artifacts.file(file).ref().sha256();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.upload(List.of(liar)));
        assertTrue(e.getMessage().contains("liar.jar") && e.getMessage().contains(actual)
                && e.getMessage().contains(otherDigest), e.getMessage());
        IgniteCache<String, String> artifacts = server.ignite().cache(CacheNames.ARTIFACTS);
        assertNull(artifacts.get(otherDigest));
        IgniteCache<String, byte[]> chunks = server.ignite().cache(CacheNames.ARTIFACT_CHUNKS);
        try (var cursor = chunks.query(new ScanQuery<String, byte[]>((k, v) -> k.startsWith(otherDigest)))) {
            assertEquals(List.of(), cursor.getAll().stream().map(Cache.Entry::getKey).toList());
        }
        assertEquals(0, server.ignite().cache(CacheNames.ARTIFACT_UPLOADS).size());
    }

    @Test
    void anArtifactOverTheGridsBoundIsRefusedByName() throws Exception {
        LocalArtifact big = Artifacts.file(Files.write(root.resolve("huge.jar"), random(9 << 20, 4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.upload(List.of(big)));
        assertTrue(e.getMessage().contains("huge.jar") && e.getMessage().contains(ArtifactLimits.MAX_SIZE),
                e.getMessage());
        assertNull(server.ignite().cache(CacheNames.ARTIFACTS).get(big.ref().sha256()));
    }

    @Test
    void theWorkersCacheEvictsTheLeastRecentlyUsedBeyondItsBound() throws Exception {
        List<LocalArtifact> jars = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jars.add(Artifacts.file(Files.write(root.resolve("lru-" + i + ".jar"), random(4 << 20, 10 + i))));
        }
        client.upload(jars);
        ArtifactCache cache = WorkerArtifacts.of(worker.ignite());
        Path oldest = cache.path(jars.get(0).ref());
        cache.path(jars.get(1).ref());
        cache.path(jars.get(2).ref()); // 12 MiB of these alone: over the 10 MiB bound
        assertFalse(cache.digests().contains(jars.get(0).ref().sha256()));
        assertFalse(Files.exists(oldest));
        assertTrue(cache.digests().containsAll(Set.of(jars.get(1).ref().sha256(), jars.get(2).ref().sha256())));
        assertTrue(cache.bytes() <= cache.maxBytes(), cache.bytes() + " bytes cached");
    }

    @Test
    void aCorruptedCachedFileIsFetchedAgain() throws Exception {
        byte[] bytes = random(100_000, 20);
        LocalArtifact jar = Artifacts.file(Files.write(root.resolve("rot.jar"), bytes));
        client.upload(List.of(jar));
        ArtifactCache cache = WorkerArtifacts.of(worker.ignite());
        Path cached = cache.path(jar.ref());
        Files.write(cached, random(100_000, 21)); // same size, other bytes; its time moved off what was checked
        Files.setLastModifiedTime(cached, FileTime.fromMillis(Files.getLastModifiedTime(cached).toMillis() - 5_000));
        assertArrayEquals(bytes, Files.readAllBytes(cache.path(jar.ref())));
    }

    @Test
    void dtfSubmitUploadsWhatTheGridLacksAndSaysSo() throws Exception {
        Path project = root.resolve("project");
        Files.createDirectories(project.resolve("classes/pkg"));
        Files.writeString(project.resolve("classes/pkg/BTest.class"), "b");
        Files.write(project.resolve("dep.jar"), random(1_500_000, 30));
        Files.write(project.resolve("fat.jar"), random(9 << 20, 31));
        Path suite = Files.writeString(project.resolve("suite.yaml"), """
                suite: uploads
                tasks:
                  - {name: unit, type: junit, classpath: [classes, dep.jar], select: ['class:pkg.BTest']}
                """);
        String grid = "127.0.0.1:" + CLIENT;
        Launcher.Outcome first = InProcessCli.dtf("submit", suite.toString(), "--grid", grid);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("artifacts: 2 of 2 sent (1.4 MiB), 0 already on the grid"), first.err());
        Launcher.Outcome second = InProcessCli.dtf("submit", suite.toString(), "--grid", grid);
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("artifacts: 0 of 2 sent (0 B), 2 already on the grid"), second.err());

        Path tooLarge = Files.writeString(project.resolve("fat.yaml"), """
                suite: fat
                tasks:
                  - {name: unit, type: junit, classpath: [classes, fat.jar], select: ['class:pkg.BTest']}
                """);
        Launcher.Outcome refused = InProcessCli.dtf("submit", tooLarge.toString(), "--grid", grid);
        assertEquals(ExitCodes.INVALID_SUITE, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("fat.jar") && refused.err().contains(ArtifactLimits.MAX_SIZE), refused.err());
        assertTrue(refused.out().lines().noneMatch(l -> l.startsWith("fat-")), "no run id: nothing submitted");
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
