package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.worker.artifact.CacheBound;
import org.junit.jupiter.api.Test;

class ArtifactCacheOptionTest {
    @Test
    void aSizeWithAUnitIsTakenAndNoneMeansTwoGibibytes() {
        assertEquals(5L << 30, CacheBound.parse("5GiB"));
        assertEquals(500L << 20, CacheBound.parse("500MiB"));
        assertEquals(2L << 30, CacheBound.parse(null));
    }

    @Test
    void aNodeWithABadBoundIsRefusedBeforeItStartsNamingTheOption() {
        Launcher.Outcome o = InProcessCli.dtf("node", "--artifact-cache", "lots");
        assertEquals(ExitCodes.USAGE, o.exitCode(), o.err());
        assertTrue(o.err().contains("--artifact-cache: 'lots' is not a size"), o.err());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheBound.parse("12"));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }
}
