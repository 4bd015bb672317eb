package io.dtf.ci.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkedJvmTest {
    @Test
    void theFlagsAreThoseOfTheOneJvmArgsFileOfTheRepository() throws Exception {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../../config/jvm.args").normalize();
        List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertEquals(lines, ForkedJvm.dtfFlags());
        assertTrue(ForkedJvm.dtfFlags().contains("--add-opens=java.base/java.nio=ALL-UNNAMED"));
    }

    @Test
    void theEmbeddedGridsConfigsAreShippedToo() {
        assertTrue(ForkedJvm.resourceText("ignite-default.xml").contains("<import resource=\"ignite-base.xml\"/>"));
        assertTrue(ForkedJvm.resourceText("ignite-base.xml").contains("dtf.base"));
    }

    @Test
    void theCommandLineKeepsFlagsAndClassPathInAnArgumentFile(@TempDir Path dir) throws Exception {
        ForkedJvm jvm = new ForkedJvm(Path.of("/jdk/bin/java"), List.of(Path.of("/m2/a b.jar"), Path.of("/m2/c.jar")), dir);
        List<String> command = jvm.command("client", List.of("-Dx=\"q\""), "io.dtf.Main", List.of("one"));
        assertEquals(List.of("/jdk/bin/java", "@" + dir.resolve("client.args").toAbsolutePath(), "io.dtf.Main", "one"),
                command);
        List<String> args = Files.readAllLines(dir.resolve("client.args"));
        assertEquals("\"--add-opens=java.base/jdk.internal.access=ALL-UNNAMED\"", args.get(0));
        assertTrue(args.contains("\"-Dx=\\\"q\\\"\""), args.toString());
        assertEquals("\"/m2/a b.jar" + System.getProperty("path.separator") + "/m2/c.jar\"", args.get(args.size() - 1));
    }
}
