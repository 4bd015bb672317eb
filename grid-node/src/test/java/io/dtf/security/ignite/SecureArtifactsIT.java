package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.artifact.Artifacts;
import io.dtf.artifact.LocalArtifact;
import io.dtf.artifact.UploadReport;
import io.dtf.client.AccessDeniedException;
import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.security.Role;
import io.dtf.wire.CacheNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With security on, a thin client uploads artifacts only through the coordinator service and only with
 * a submitter's token; the service writes the caches as its node, which the client itself may not.
 */
class SecureArtifactsIT {
    private static final int PORTS = 21040;
    private static SecureNode grid;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        grid = SecureNode.start("secure-artifacts", PORTS);
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    void aSubmitterUploadsThroughTheServiceAndAViewerIsRefused() throws Exception {
        byte[] bytes = new byte[(1 << 20) + 99];
        new Random(7).nextBytes(bytes);
        LocalArtifact jar = Artifacts.file(Files.write(dir.resolve("app-tests.jar"), bytes));

        try (DtfClient viewer = DtfClient.connect(ClientOptions.of(grid.edgeAddress())
                .withToken(grid.token(Role.VIEWER, "vic")))) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> viewer.upload(List.of(jar)));
            assertTrue(e.getMessage().contains("submitter"), e.getMessage());
        }
        assertNull(grid.node().ignite().cache(CacheNames.ARTIFACTS).get(jar.ref().sha256()));

        // Through the edge node, which hosts no service: the call reaches the coordinator elsewhere.
        try (DtfClient submitter = DtfClient.connect(ClientOptions.of(grid.edgeAddress())
                .withToken(grid.token(Role.SUBMITTER, "sue")))) {
            UploadReport report = submitter.upload(List.of(jar));
            assertEquals(new UploadReport(1, 1, bytes.length, bytes.length), report);
            assertEquals(0, submitter.upload(List.of(jar)).bytesSent());
        }
        assertTrue(grid.node().ignite().cache(CacheNames.ARTIFACTS).containsKey(jar.ref().sha256()));
    }
}
