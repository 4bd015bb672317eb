package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The launcher's class-data archives, {@code dtf node}'s above all (config/README.md, "Class-data sharing"),
 * through the real {@code dtf} script, one node after the other (ports 26600, 26620, 26640): the
 * first node starts without an archive and writes one when it stops, the next starts with it, a node
 * with other JVM options gets its own, and a node whose archive does not match starts all the same,
 * without it; a short command ({@code dtf hw}) has an archive of its own. Each JVM's class loading is
 * logged to one file (the same option every time, since the options are part of the archive's name).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeClassDataIT {
    /** A class the launcher's JVM loads first; where it came from says whether the archive was mapped. */
    private static final String FROM_ARCHIVE = "io.dtf.cli.DtfCli source: shared objects file (top)";

    private static Launcher dtf;
    private static Path archives;
    private static Path classLog;
    private static Map<String, String> env;

    @BeforeAll
    static void setUp() throws IOException {
        dtf = Launcher.in("class-data-it");
        archives = dtf.work().resolve("cds");
        classLog = dtf.work().resolve("classes.log");
        env = Map.of("DTF_CDS_DIR", archives.toString(),
                "DTF_JAVA_OPTS", "-Xmx256m -Xlog:class+load=info:file=" + classLog);
    }

    @Test
    @Order(1)
    void theFirstNodeStartsWithoutAnArchiveAndWritesOneWhenItStops() throws Exception {
        String out = runNode("first");
        assertTrue(out.contains(" up: "), out);
        String classes = Files.readString(classLog);
        assertFalse(classes.contains(FROM_ARCHIVE), "no archive yet");
        // A node of a grid without security never signs, so it never loads BouncyCastle (a signed jar, slow to load).
        assertFalse(classes.contains("org.bouncycastle"), "BouncyCastle loaded on a node without security");
        assertEquals(List.of(), files(".jsa"));
        assertEquals(1, files(".part").size(), "the stopped node wrote its archive: " + files(""));
    }

    @Test
    @Order(2)
    void theNextNodeStartsWithTheArchive() throws Exception {
        String out = runNode("second");
        assertTrue(out.contains(" up: "), out);
        assertTrue(Files.readString(classLog).contains(FROM_ARCHIVE), "classes not mapped from the archive");
        assertEquals(1, files(".jsa").size(), files("").toString());
        assertEquals(List.of(), files(".part"));
    }

    @Test
    @Order(3)
    void aNodeWithOtherJvmOptionsHasAnArchiveOfItsOwn() throws Exception {
        List<Path> first = files(".jsa");
        String out = runNode("other-options", Map.of("DTF_CDS_DIR", archives.toString(), "DTF_JAVA_OPTS", "-Xmx200m"));
        assertTrue(out.contains(" up: "), out);
        assertEquals(first, files(".jsa"), "the other options' archive is kept");
        assertEquals(1, files(".part").size(), "the node with other options wrote its own: " + files(""));
    }

    @Test
    @Order(4)
    void aNodeWhoseArchiveDoesNotMatchStartsWithoutIt() throws Exception {
        Path archive = files(".jsa").get(0);
        Files.write(archive, new byte[] {'n', 'o', 't', ' ', 'a', 'n', ' ', 'a', 'r', 'c', 'h', 'i', 'v', 'e'});
        String out = runNode("third");
        assertTrue(out.contains(" up: "), out);
        assertFalse(Files.readString(classLog).contains(FROM_ARCHIVE), "a broken archive mapped");
    }

    @Test
    @Order(5)
    void aShortCommandHasAnArchiveOfItsOwnAndCompilesWithTheFirstTierOnly() throws Exception {
        Files.deleteIfExists(classLog);
        Launcher.Outcome first = dtf.run(env, "hw", "--json");
        assertEquals(0, first.exitCode(), first.err());
        assertFalse(Files.readString(classLog).contains(FROM_ARCHIVE), "no archive of hw's yet");
        Files.deleteIfExists(classLog);
        Launcher.Outcome second = dtf.run(env, "hw", "--json");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(Files.readString(classLog).contains(FROM_ARCHIVE), "hw's classes not mapped from its archive");
        assertEquals(1, files(".jsa").stream().filter(f -> f.getFileName().toString().startsWith("hw-")).count(),
                files("").toString());

        Map<String, String> flags = Map.of("DTF_CDS", "off", "DTF_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        assertTrue(dtf.run(flags, "hw").out().matches("(?s).* TieredStopAtLevel += 1 .*"), "hw: the first tier only");
        assertTrue(dtf.run(flags, "run", "--help").out().matches("(?s).* TieredStopAtLevel += 4 .*"),
                "run keeps the optimising compiler");
    }

    /** Starts a node holding data and running tasks (no other node needed), waits until it is up, stops it with SIGTERM. */
    private static String runNode(String name) throws Exception {
        return runNode(name, env);
    }

    private static String runNode(String name, Map<String, String> env) throws Exception {
        Path log = dtf.work().resolve(name + ".log");
        Process node = dtf.start(env, log, "node", "--roles", "data,worker", "--bind", "127.0.0.1",
                "--port", "26600", "--comm-port", "26620", "--client-port", "26640", "--join", "127.0.0.1:26600",
                "--data-dir", dtf.work().resolve(name).toString());
        try {
            return Launcher.awaitStarted(node, log, Duration.ofSeconds(90), out -> out.contains("stop with Ctrl-C"));
        } finally {
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(archives)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
