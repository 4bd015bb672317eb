package io.dtf.worker.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.artifact.Artifacts;
import io.dtf.artifact.LocalArtifact;
import io.dtf.model.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactCacheTest {
    @TempDir
    Path tmp;
    private final MemoryArtifactSource grid = new MemoryArtifactSource();

    private ArtifactCache cache(long bound) {
        return new ArtifactCache(tmp.resolve("cache"), bound, grid);
    }

    @Test
    void aFileIsFetchedOnceCheckedAndThenServedFromDisk() throws Exception {
        byte[] bytes = bytes(3 * (1 << 20) + 5, 7); // several chunks
        ArtifactRef ref = grid.put("lib.jar", bytes);
        ArtifactCache cache = cache(1L << 30);
        Path first = cache.path(ref);
        assertEquals("lib.jar", first.getFileName().toString());
        assertArrayEquals(bytes, Files.readAllBytes(first));
        assertEquals(first, cache.path(ref));
        assertEquals(1, grid.finds.get());
    }

    @Test
    void aTreeIsUnpackedIntoAFolder() throws Exception {
        Path classes = tmp.resolve("test-classes");
        Files.createDirectories(classes.resolve("a"));
        Files.writeString(classes.resolve("a/A.class"), "A");
        Files.writeString(classes.resolve("res.txt"), "R");
        ArtifactRef ref = tree(classes);
        Path dir = cache(1L << 30).path(ref);
        assertEquals("A", Files.readString(dir.resolve("a/A.class")));
        assertEquals("R", Files.readString(dir.resolve("res.txt")));
    }

    @Test
    void anEmptyFolderIsATreeToo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("resources"));
        Path dir = cache(1L << 30).path(tree(empty));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aWritableCopyLeavesTheCachedTreeAsFetched() throws Exception {
        Path resources = tmp.resolve("resources");
        Files.createDirectories(resources.resolve("sub"));
        Files.writeString(resources.resolve("sub/in.txt"), "in");
        ArtifactRef ref = tree(resources);
        ArtifactCache cache = cache(1L << 30);
        Path copy = cache.writableCopy(ref, tmp.resolve("attempt/workdir"));
        Files.writeString(copy.resolve("sub/in.txt"), "changed by a test");
        Files.writeString(copy.resolve("out.txt"), "written by a test");
        assertEquals("in", Files.readString(cache.path(ref).resolve("sub/in.txt")));
        assertEquals(1, grid.finds.get(), "the cached tree is unchanged: not fetched again");
    }

    @Test
    void bytesThatDoNotMatchTheirDigestAreRefusedAndNotKept() throws Exception {
        ArtifactRef honest = grid.put("lib.jar", bytes(100, 1));
        grid.putUnder(honest.sha256(), bytes(100, 2));
        ArtifactCache cache = cache(1L << 30);
        ArtifactUnavailableException e = assertThrows(ArtifactUnavailableException.class, () -> cache.path(honest));
        assertTrue(e.getMessage().contains("lib.jar") && e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(Set.of(), cache.digests());
        try (var left = Files.walk(tmp.resolve("cache"))) {
            assertTrue(left.noneMatch(Files::isRegularFile), "no file left behind");
        }
    }

    @Test
    void anArtifactTheGridLacksIsNamedInTheError() {
        ArtifactRef ref = new ArtifactRef("ab".repeat(32), "gone.jar", 10, ArtifactRef.Kind.FILE);
        ArtifactUnavailableException e = assertThrows(ArtifactUnavailableException.class, () -> cache(1000).path(ref));
        assertTrue(e.getMessage().contains("gone.jar") && e.getMessage().contains("does not hold"), e.getMessage());
    }

    @Test
    void theLeastRecentlyUsedGoFirstWhenTheBoundIsPassed() throws Exception {
        ArtifactRef a = grid.put("a.jar", bytes(100, 1));
        ArtifactRef b = grid.put("b.jar", bytes(100, 2));
        ArtifactRef c = grid.put("c.jar", bytes(100, 3));
        ArtifactCache cache = cache(250);
        cache.path(a);
        Path pathOfB = cache.path(b);
        cache.path(a); // a is now more recent than b
        cache.path(c);
        assertEquals(Set.of(a.sha256(), c.sha256()), cache.digests());
        assertFalse(Files.exists(pathOfB), "b's file is gone");
        assertEquals(200, cache.bytes());
    }

    @Test
    void whatARunningAttemptHoldsIsNeverEvicted() throws Exception {
        ArtifactRef a = grid.put("a.jar", bytes(100, 1));
        ArtifactRef b = grid.put("b.jar", bytes(100, 2));
        ArtifactRef c = grid.put("c.jar", bytes(100, 3));
        ArtifactCache cache = cache(150);
        try (ArtifactCache.Hold held = cache.hold()) {
            cache.path(a);
            cache.path(b);
            cache.path(c);
            assertEquals(3, cache.digests().size(), "all held, the bound waits");
        }
        ArtifactRef d = grid.put("d.jar", bytes(100, 4));
        cache.path(d);
        assertEquals(Set.of(d.sha256()), cache.digests());
    }

    @Test
    void concurrentRequestsForOneDigestFetchItOnce() throws Exception {
        ArtifactRef ref = grid.put("lib.jar", bytes(5000, 9));
        ArtifactCache cache = cache(1L << 30);
        grid.gate = new CountDownLatch(1);
        List<Path> answers = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try {
                    answers.add(cache.path(ref));
                } catch (ArtifactUnavailableException e) {
                    throw new AssertionError(e);
                }
            });
            threads.add(t);
            t.start();
        }
        // Every thread is blocked: one in the fetch, held at the gate, the others waiting for it.
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            Thread.onSpinWait();
        }
        grid.gate.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, grid.finds.get());
        assertEquals(4, answers.size());
        assertEquals(1, Set.copyOf(answers).size());
    }

    @Test
    void aCorruptedCachedFileIsFetchedAgain() throws Exception {
        byte[] bytes = bytes(1000, 5);
        ArtifactRef ref = grid.put("lib.jar", bytes);
        ArtifactCache cache = cache(1L << 30);
        Path file = cache.path(ref);
        Files.write(file, bytes(1000, 6)); // same size, other bytes
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 5000));
        assertArrayEquals(bytes, Files.readAllBytes(cache.path(ref)));
        assertEquals(2, grid.finds.get());
    }

    @Test
    void aTreeWithAFileAddedOrRemovedIsFetchedAgain() throws Exception {
        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        Files.writeString(classes.resolve("A.class"), "A");
        ArtifactRef ref = tree(classes);
        ArtifactCache cache = cache(1L << 30);
        Path dir = cache.path(ref);
        Files.delete(dir.resolve("A.class"));
        assertEquals("A", Files.readString(cache.path(ref).resolve("A.class")));
        assertEquals(2, grid.finds.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/x", "C:\\x", "a/../../x", "..\\x"})
    void aTreeWithAHostileEntryIsRefusedNamingIt(String entry) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("ok.txt", "fine");
        entries.put(entry, "evil");
        ArtifactRef ref = treeOf(HostileZips.of(entries));
        ArtifactCache cache = cache(1L << 30);
        ArtifactUnavailableException e = assertThrows(ArtifactUnavailableException.class, () -> cache.path(ref));
        assertTrue(e.getMessage().contains("'" + entry + "'") && e.getMessage().contains("refused"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x")));
        assertEquals(Set.of(), cache.digests());
    }

    @Test
    void aSymbolicLinkEntryBecomesAPlainFile() throws Exception {
        Path dir = cache(1L << 30).path(treeOf(HostileZips.symlink("x", "/etc/passwd")));
        assertFalse(Files.isSymbolicLink(dir.resolve("x")));
        assertEquals("/etc/passwd", Files.readString(dir.resolve("x")));
    }

    @Test
    void anEntryDeclaringMoreThanTheCacheHoldsIsRefused() throws Exception {
        ArtifactRef ref = treeOf(HostileZips.declaring("big.bin", "small".getBytes(StandardCharsets.UTF_8),
                Integer.MAX_VALUE));
        ArtifactUnavailableException e = assertThrows(ArtifactUnavailableException.class,
                () -> cache(1 << 20).path(ref));
        assertTrue(e.getMessage().contains("big.bin"), e.getMessage());
    }

    @Test
    void aTreeUnpackingToMoreThanTheBoundIsRefused() throws Exception {
        Map<String, String> entries = Map.of("zeros.txt", "0".repeat(100_000)); // compresses to little
        ArtifactRef ref = treeOf(HostileZips.of(entries));
        ArtifactUnavailableException e = assertThrows(ArtifactUnavailableException.class,
                () -> cache(50_000).path(ref));
        assertTrue(e.getMessage().contains("zeros.txt") && e.getMessage().contains("more than"), e.getMessage());
    }

    private ArtifactRef tree(Path dir) throws Exception {
        LocalArtifact packed = Artifacts.tree(dir, tmp.resolve("packed"));
        return treeOf(Files.readAllBytes(packed.source()));
    }

    private ArtifactRef treeOf(byte[] zip) {
        ArtifactRef file = grid.put("tree.zip", zip);
        return new ArtifactRef(file.sha256(), file.name(), file.size(), ArtifactRef.Kind.TREE);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * seed + seed);
        }
        return b;
    }
}
