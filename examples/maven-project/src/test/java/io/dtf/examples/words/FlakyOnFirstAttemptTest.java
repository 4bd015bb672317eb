package io.dtf.examples.words;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Deliberately flaky, and deterministically so: in every build it fails on its first attempt and passes
 * when run again, which Surefire ({@code rerunFailingTestsCount}) and DTF's plugin both report as FLAKY.
 *
 * <p>It remembers its first attempt with a marker file. The marker cannot live in the working directory
 * or in a static field: a rerun on a grid is a new task, in a new JVM, in a fresh working directory,
 * perhaps on another worker. So it lives in an absolute directory given by the build
 * ({@code example.flaky.dir}, under {@code target/}), named for the build ({@code example.build.id}), which
 * every attempt on this machine sees; a new build starts afresh. On a grid whose workers are other
 * machines a rerun elsewhere finds no marker and fails again, which is then reported as a plain failure.
 */
class FlakyOnFirstAttemptTest {
    @Test
    void failsOnceThenPasses() throws IOException {
        String dir = System.getProperty("example.flaky.dir");
        String build = System.getProperty("example.build.id");
        assertNotNull(dir, "system property example.flaky.dir is not set: the pom's Surefire configuration sets it,"
                + " and a runner must pass Surefire's systemPropertyVariables to the test JVM");
        assertNotNull(build, "system property example.build.id is not set (see the pom's Surefire configuration)");
        Path marker = Files.createDirectories(Path.of(dir)).resolve(build + ".attempted");
        try {
            Files.createFile(marker);
        } catch (FileAlreadyExistsException rerun) {
            return;
        }
        fail("the first attempt of this build fails on purpose (left " + marker + "); a rerun passes");
    }
}
