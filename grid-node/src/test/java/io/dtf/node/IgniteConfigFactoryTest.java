package io.dtf.node;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.dtf.grid.TestGrid;
import io.dtf.security.GridSecurity;
import io.dtf.security.TestKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IgniteConfigFactoryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ignite-default.xml", "ignite-server.xml", "ignite-worker.xml", "ignite-persistent.xml"})
    void everyShippedConfigDiscoversWithSmallSendBuffers(String file) {
        assertInstanceOf(DiscoverySockets.class, configOf(file).getDiscoverySpi(), file);
    }

    @Test
    void soDoesTheSecureConfig() {
        // It reads its TLS material when loaded.
        System.setProperty(GridSecurity.DIR_PROPERTY, TestKeys.create(dir.resolve("keys")).dir().toString());
        try {
            assertInstanceOf(DiscoverySockets.class, configOf("ignite-secure.xml").getDiscoverySpi());
        } finally {
            System.clearProperty(GridSecurity.DIR_PROPERTY);
        }
    }

    @Test
    void aConfigWithoutADiscoverySpiGetsOne() {
        IgniteConfiguration cfg = IgniteConfigFactory.apply(new IgniteConfiguration(),
                NodeOptions.of(TestGrid.config("ignite-default.xml"), dir), Map.of());
        assertInstanceOf(DiscoverySockets.class, cfg.getDiscoverySpi());
    }

    /** As {@code dtf node} makes it, with a join list and ports of its own. */
    private IgniteConfiguration configOf(String file) {
        NodeOptions options = NodeOptions.of(TestGrid.config(file), dir.resolve("data"))
                .withNetwork("127.0.0.1", 30990, 30991, 30992, List.of("127.0.0.1:30990"));
        return IgniteConfigFactory.apply(IgniteConfigFactory.load(options), options, Map.of());
    }
}
