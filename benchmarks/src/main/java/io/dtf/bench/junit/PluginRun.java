package io.dtf.bench.junit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the benchmarks run DTF's Maven plugin on a generated project, without installing anything into the
 * user's local repository: the plugin's coordinates, and the local repository and settings that hold it
 * (its integration tests' own, which the run scripts prepare).
 */
record PluginRun(String coordinates, String repository, String settings) {
    static PluginRun fromSystemProperties() {
        return new PluginRun(required("bench.plugin"), required("bench.maven.repo"), required("bench.maven.settings"));
    }

    /** {@code mvn io.dtf:dtf-maven-plugin:VERSION:test -Ddtf.grid=GRID} in {@code dir}. */
    Maven.Run test(Path dir, Path log, String grid) throws IOException, InterruptedException {
        return Maven.run(dir, log, List.of("-s", settings, "-Dmaven.repo.local=" + repository,
                coordinates + ":test", "-Ddtf.grid=" + grid));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + name + " is not set: run the benchmark through"
                    + " its script in benchmarks/, which sets it");
        }
        return value;
    }
}
