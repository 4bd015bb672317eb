package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Through the real {@code dtf} launcher: a suite's junit class path travels to a running grid once,
 * a second submission sends only digests, and a suite naming a file that is not there is refused
 * before anything is sent, naming the task and field.
 */
class ArtifactsCliIT {
    @Test
    void submitSendsWhatTheGridLacksOnceAndRefusesAMissingJarByField() throws Exception {
        Launcher dtf = Launcher.in("artifacts-cli-it");
        Path project = Files.createDirectories(dtf.work().resolve("project/target/test-classes/pkg"))
                .getParent().getParent().getParent();
        Files.writeString(project.resolve("target/test-classes/pkg/ATest.class"), "a");
        byte[] jar = new byte[2 << 20];
        new Random(5).nextBytes(jar);
        Files.write(project.resolve("dep.jar"), jar);
        Path suite = Files.writeString(project.resolve("suite.yaml"), """
                suite: cli-artifacts
                tasks:
                  - name: unit
                    type: junit
                    classpath: [target/test-classes, dep.jar]
                    select: ['class:pkg.ATest']
                """);
        Path missing = Files.writeString(project.resolve("missing.yaml"), """
                suite: cli-missing
                tasks:
                  - {name: unit, type: junit, classpath: [nope.jar], select: ['class:pkg.ATest']}
                """);

        Outcome refused = dtf.run("submit", missing.toString(), "--grid", "127.0.0.1:21089");
        assertEquals(ExitCodes.INVALID_SUITE, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("task 'unit'") && refused.err().contains("classpath")
                && refused.err().contains("no such file or folder"), refused.err());

        Path log = dtf.work().resolve("grid-node.log");
        Process node = dtf.start(log, "node", "--port", "21070", "--comm-port", "21075", "--client-port", "21080",
                "--join", "127.0.0.1:21070..21071", "--data-dir", dtf.work().resolve("grid").toString(),
                "--artifact-cache", "64MiB");
        try {
            Launcher.awaitStarted(node, log, Duration.ofSeconds(60), out -> out.contains(" up: "));
            String grid = "127.0.0.1:21080";
            Outcome first = dtf.run("submit", suite.toString(), "--grid", grid);
            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.err().contains("artifacts: 2 of 2 sent (2.0 MiB), 0 already on the grid"), first.err());
            Outcome second = dtf.run("submit", suite.toString(), "--grid", grid);
            assertEquals(0, second.exitCode(), second.err());
            assertTrue(second.err().contains("artifacts: 0 of 2 sent (0 B), 2 already on the grid"), second.err());
            assertTrue(second.out().strip().startsWith("cli-artifacts-"), "the run id alone on stdout: " + second.out());
        } finally {
            node.destroy();
            node.waitFor();
        }
    }
}
