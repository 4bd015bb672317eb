package io.dtf.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where this machine keeps DTF's files: logs, Ignite work files and the DuckDB file. */
final class DataDirOptions {
    static final String DEFAULT = "dtf-data";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT,
            description = "Data directory: logs, work files and the DuckDB file; the free disk a node advertises is "
                    + "its disk's (default: ${DEFAULT-VALUE}).")
    Path dir;

    Path dir() {
        return dir;
    }
}
