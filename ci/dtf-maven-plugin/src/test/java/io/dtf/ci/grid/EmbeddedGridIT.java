package io.dtf.ci.grid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/**
 * The embedded grid and the client bridge as the goals use them: real JVMs forked from the plugin's
 * class path (here, this test's) with the flags grid-node ships, on ports 21450-21499.
 */
class EmbeddedGridIT {
    private static final Path DIR = Path.of("target", "embedded-grid-it").toAbsolutePath();

    @Test
    void theEmbeddedGridComesUpAnswersThroughTheBridgeAndStops() {
        ForkedJvm jvm = new ForkedJvm(ForkedJvm.currentJava(), Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(Path::of).toList(), DIR);
        SystemStreamLog log = new SystemStreamLog();
        try (GridConnection grid = GridConnection.open(null, null, null, new PortRange(21450, 21499), jvm,
                DIR.resolve("grid"), log)) {
            assertTrue(grid.description().startsWith("the embedded grid at 127.0.0.1:214"), grid.description());
            GridException e = assertThrows(GridException.class, () -> grid.session().cancel("no-such-run"));
            assertTrue(e.getMessage().contains("no-such-run"), e.getMessage());
        }
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments().map(List::of)
                .map(a -> a.contains(DIR.resolve("grid").toString())).orElse(false)), "the node is stopped");
    }

    @Test
    void aGridThatDoesNotAnswerIsNamedWithWhatToCheck() {
        ForkedJvm jvm = new ForkedJvm(ForkedJvm.currentJava(), Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(Path::of).toList(), DIR);
        GridException e = assertThrows(GridException.class, () -> GridConnection.open("127.0.0.1:21449", null, null,
                PortRange.ANY, jvm, DIR.resolve("unused"), new SystemStreamLog()));
        assertTrue(e.getMessage().startsWith("cannot reach the grid at 127.0.0.1:21449"), e.getMessage());
    }
}
