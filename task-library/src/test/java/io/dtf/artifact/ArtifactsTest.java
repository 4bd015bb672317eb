package io.dtf.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.ArtifactRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {
    @TempDir
    Path tmp;

    @Test
    void aFileIsNamedByTheSha256OfItsBytes() throws Exception {
        byte[] bytes = new byte[3 * 65536 + 17]; // more than one read buffer
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path jar = Files.write(tmp.resolve("lib-1.0.jar"), bytes);
        LocalArtifact a = Artifacts.file(jar);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(new ArtifactRef(expected, "lib-1.0.jar", bytes.length, ArtifactRef.Kind.FILE), a.ref());
        assertEquals(jar, a.source());
    }

    @Test
    void fileNamesAreMadeFitForArtifactRefs() throws Exception {
        Path odd = Files.writeString(tmp.resolve("my lib (1)ä.jar"), "x");
        assertEquals("my_lib__1__.jar", Artifacts.file(odd).ref().name());
        assertEquals("artifact", Artifacts.safeName(".."));
        assertEquals("_x", Artifacts.safeName("@x"));
        assertEquals(200, Artifacts.safeName("a".repeat(300)).length());
    }

    @Test
    void aDirectoryIsNotAFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Artifacts.file(tmp));
        assertTrue(e.getMessage().contains("Artifacts.tree"), e.getMessage());
    }

    @Test
    void theSameFilesPackToTheSameBytesWhateverTheirTimesAndOrder() throws Exception {
        Path a = tree(tmp.resolve("one/test-classes"), List.of("b/B.class", "a/A.class", "res.txt"));
        Path b = tree(tmp.resolve("two/test-classes"), List.of("res.txt", "a/A.class", "b/B.class"));
        Files.setLastModifiedTime(b.resolve("res.txt"), FileTime.fromMillis(1_000_000_000L));
        LocalArtifact first = Artifacts.tree(a, tmp.resolve("out1"));
        LocalArtifact second = Artifacts.tree(b, tmp.resolve("out2"));
        assertEquals(first.ref(), second.ref());
        assertArrayEquals(Files.readAllBytes(first.source()), Files.readAllBytes(second.source()));
        assertEquals(ArtifactRef.Kind.TREE, first.ref().kind());
        assertEquals("test-classes-" + first.ref().sha256().substring(0, 12) + ".zip", first.ref().name());
        assertEquals(Files.size(first.source()), first.ref().size());
        try (ZipFile zip = new ZipFile(first.source().toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().map(ZipEntry::getName).forEach(names::add);
            assertEquals(List.of("a/A.class", "b/B.class", "res.txt"), names); // sorted, no directory entries
            assertEquals("a/A.class", new String(zip.getInputStream(zip.getEntry("a/A.class")).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void changedContentChangesTheDigest() throws Exception {
        Path a = tree(tmp.resolve("t"), List.of("x.txt"));
        String before = Artifacts.tree(a, tmp.resolve("out")).ref().sha256();
        Files.writeString(a.resolve("x.txt"), "changed");
        assertNotEquals(before, Artifacts.tree(a, tmp.resolve("out")).ref().sha256());
    }

    @Test
    void aLinkInsideTheTreeIsFollowedAndOneLeavingItIsRefused() throws Exception {
        Path t = tree(tmp.resolve("t"), List.of("x.txt"));
        Files.createSymbolicLink(t.resolve("y.txt"), t.resolve("x.txt"));
        try (ZipFile zip = new ZipFile(Artifacts.tree(t, tmp.resolve("out")).source().toFile())) {
            assertEquals("x.txt", new String(zip.getInputStream(zip.getEntry("y.txt")).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "s");
        Files.createSymbolicLink(t.resolve("leak.txt"), secret);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Artifacts.tree(t, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("leak.txt") && e.getMessage().contains("outside"), e.getMessage());
        Files.delete(t.resolve("leak.txt"));
        Files.createSymbolicLink(t.resolve("up"), tmp);
        e = assertThrows(IllegalArgumentException.class, () -> Artifacts.tree(t, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void aFileNameNoArchiveMayHoldIsRefusedWhenPacking() throws Exception {
        Path t = tree(tmp.resolve("t"), List.of("a\\b.txt"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Artifacts.tree(t, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("backslash"), e.getMessage());
    }

    @Test
    void packingLeavesOnlyTheZipBehind() throws Exception {
        Path t = tree(tmp.resolve("t"), List.of("x.txt"));
        LocalArtifact a = Artifacts.tree(t, tmp.resolve("out"));
        Artifacts.tree(t, tmp.resolve("out")); // again: replaces it
        try (var files = Files.list(tmp.resolve("out"))) {
            assertEquals(List.of(a.source()), files.toList());
        }
    }

    private static Path tree(Path root, List<String> files) throws IOException {
        for (String f : files) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        return root;
    }
}
