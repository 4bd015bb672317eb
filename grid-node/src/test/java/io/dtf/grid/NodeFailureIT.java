package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When a node dies anyway: {@code dtf run --grid} whose grid is killed fails with exit code 4 and
 * says so (instead of waiting its 24 hours), and {@code dtf node} whose node Ignite's failure
 * handler stops (here: out of data-region memory) exits non-zero with the reason.
 */
class NodeFailureIT {
    private static Path root;

    @BeforeAll
    static void cleanDir() {
        root = Path.of("target", "grids", "node-failure").toAbsolutePath();
        TestGrid.deleteTree(root);
    }

    @Test
    void aRunWhoseGridIsKilledFailsWithExitCode4AndSaysWhy() throws Exception {
        Path suite = root.resolve("long.yaml");
        Files.createDirectories(root);
        Files.writeString(suite, """
                suite: long
                tasks:
                  - name: sleeper
                    type: command
                    timeout: 10m
                    command: [sh, -c, "sleep 387"]
                """);
        Path out = root.resolve("run.out");
        Path err = root.resolve("run.err");
        Process run = null;
        try (NodeProcess node = NodeProcess.start(root.resolve("node"), TestGrid.config("ignite-default.xml").toString(),
                29410, 29420, "--client-port", "29430", "--join", "127.0.0.1:29410..29419", "--allow-commands")) {
            run = new ProcessBuilder(TestGrid.home().resolve("dtf").toString(), "run", suite.toString(), "--grid",
                    "127.0.0.1:29430", "--data-dir", root.resolve("client").toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains("sleep 387"))) {
                assertTrue(run.isAlive() && System.nanoTime() < deadline, "the task did not start: "
                        + Files.readString(out) + Files.readString(err));
                Thread.sleep(100);
            }

            node.kill();

            // The default wait is 24 hours: a minute means it noticed.
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "dtf run still waiting:\n" + Files.readString(out));
            String stderr = Files.readString(err);
            assertEquals(4, run.exitValue(), Files.readString(out) + stderr);
            assertTrue(stderr.contains("lost the connection to the grid at 127.0.0.1:29430"), stderr);
            assertTrue(stderr.contains("`dtf status "), stderr);
        } finally {
            if (run != null) {
                run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // kill -9 left the node's child behind, as it would on a real machine.
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 387"))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aNodeStoppedByItsFailureHandlerExitsNonZeroWithTheReason() throws Exception {
        Path config = smallMemoryConfig();
        try (NodeProcess node = NodeProcess.start(root.resolve("small"), config.toString(), 29440, 29445,
                "--client-port", "29450", "--join", "127.0.0.1:29440..29444");
             IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses("127.0.0.1:29450"))) {
            ClientCache<Integer, String> filler = client.getOrCreateCache("filler");
            String value = "x".repeat(256 * 1024);
            try {
                for (int i = 0; i < 2_000; i++) { // 500 MiB: far more than the 100 MiB region holds
                    filler.put(i, value);
                }
            } catch (RuntimeException expected) {
                // the node ran out of memory and is stopping
            }

            int exit = node.awaitExit(Duration.ofSeconds(60));

            String output = node.output();
            assertEquals(4, exit, output);
            assertTrue(output.contains("dtf: the node stopped: Ignite stopped it after"), output);
            assertTrue(output.contains("IgniteOutOfMemoryException"), output);
        }
    }

    @Test
    void anEmbeddedRunWhoseNodeRunsOutOfMemoryFailsWithExitCode4AndSaysWhy() throws Exception {
        Path suite = root.resolve("flood.yaml");
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 1_000; i++) {
            values.append(i == 1 ? "" : ", ").append(i);
        }
        // Each result keeps up to 64 KiB of each stream's tail while it is in the cache: a thousand of them need
        // far more than 100 MiB. (Should the cache one day hold less per result, this suite must print more.)
        Files.writeString(suite, """
                suite: flood
                tasks:
                  - name: flood
                    type: command
                    params: {i: [VALUES]}
                    command: [sh, -c, "yes xxxxxxxxxxxxxxx | head -c 65536; yes yyyyyyyyyyyyyyy | head -c 65536 >&2"]
                """.replace("VALUES", values));
        Path out = root.resolve("flood.out");
        Path err = root.resolve("flood.err");
        Process run = new ProcessBuilder(TestGrid.home().resolve("dtf").toString(), "run", suite.toString(),
                "--config", smallMemoryConfig().toString(), "--data-dir", root.resolve("flood").toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(run.waitFor(120, TimeUnit.SECONDS), "dtf run still waiting:\n" + Files.readString(out));
            String stderr = Files.readString(err);
            assertEquals(4, run.exitValue(), Files.readString(out) + stderr);
            assertTrue(stderr.contains("the embedded node stopped: Ignite stopped it after"), stderr);
            assertTrue(stderr.contains("IgniteOutOfMemoryException"), stderr);
        } finally {
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The default config with a 100 MiB data region: room to start, not much more. */
    private static Path smallMemoryConfig() throws java.io.IOException {
        Path config = root.resolve("small-memory.xml");
        Files.createDirectories(root);
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <beans xmlns="http://www.springframework.org/schema/beans"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       xsi:schemaLocation="http://www.springframework.org/schema/beans
                                           http://www.springframework.org/schema/beans/spring-beans.xsd">
                  <import resource="file:BASE"/>
                  <bean id="ignite.cfg" parent="dtf.base">
                    <property name="dataStorageConfiguration">
                      <bean class="org.apache.ignite.configuration.DataStorageConfiguration">
                        <property name="defaultDataRegionConfiguration">
                          <bean class="org.apache.ignite.configuration.DataRegionConfiguration">
                            <property name="name" value="default"/>
                            <property name="initialSize" value="#{20L * 1024 * 1024}"/>
                            <property name="maxSize" value="#{100L * 1024 * 1024}"/>
                          </bean>
                        </property>
                      </bean>
                    </property>
                  </bean>
                </beans>
                """.replace("BASE", TestGrid.config("ignite-base.xml").toString()));
        return config;
    }
}
