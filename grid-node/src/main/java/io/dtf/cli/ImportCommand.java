package io.dtf.cli;

import io.dtf.hardware.HardwareKeys;
import io.dtf.history.CsvHistoryImporter;
import io.dtf.history.HistoryImportException;
import io.dtf.history.ImportSummary;
import io.dtf.history.JmhJsonImporter;
import io.dtf.node.hardware.HardwareDetector;
import io.dtf.node.hardware.NodeAttributes;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dtf import FILE... --db PATH}: loads benchmark history (CSV or JMH JSON) into a DuckDB file. */
@Command(name = "import", description = "Import benchmark history from CSV or JMH JSON files into a DuckDB file "
        + "(format: docs/ANALYSIS-FORMAT.md). Each file is imported whole or not at all.")
final class ImportCommand implements Callable<Integer> {
    enum InputFormat { csv, jmh }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "CSV or JMH JSON result files.")
    List<Path> files;

    @Option(names = "--db", paramLabel = "FILE", required = true,
            description = "DuckDB file to import into (created if missing). No node may hold it open.")
    Path db;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv or jmh (default: by extension, .json is jmh, anything else csv).")
    InputFormat format;

    @Option(names = "--run", paramLabel = "ID", description = "JMH only: the run id (default: the file name without extension).")
    String run;

    @Option(names = "--timestamp", paramLabel = "ISO-8601", description = "JMH only: when the run ran (default: the file's modification time).")
    String timestamp;

    @Option(names = "--hardware", paramLabel = "CLASS", description = "JMH only: the hardware class it ran on (default: this machine's).")
    String hardware;

    @Override
    public Integer call() {
        Instant time;
        try {
            time = timestamp == null ? null : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            System.err.println("dtf: --timestamp '" + timestamp + "' is not an ISO-8601 instant such as 2024-05-01T10:00:00Z");
            return ExitCodes.USAGE;
        }
        if (run != null && files.size() > 1) {
            System.err.println("dtf: --run names one run: give one file with it");
            return ExitCodes.USAGE;
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println("dtf: no file " + file);
                return ExitCodes.USAGE;
            }
        }
        try (DuckDbResultStore store = DuckDbResultStore.open(db)) {
            for (Path file : files) {
                ImportSummary done = formatOf(file) == InputFormat.jmh
                        ? new JmhJsonImporter(run, time, hardware != null ? hardware : localHardwareClass()).importFile(file, store)
                        : new CsvHistoryImporter().importFile(file, store);
                System.out.printf("%s: %d runs, %d results, %d samples%n", file, done.runs(), done.results(), done.samples());
            }
        } catch (HistoryImportException e) {
            System.err.println("dtf: " + e.getMessage());
            return ExitCodes.INVALID_SUITE;
        }
        return ExitCodes.OK;
    }

    private InputFormat formatOf(Path file) {
        if (format != null) {
            return format;
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? InputFormat.jmh : InputFormat.csv;
    }

    private static String localHardwareClass() {
        Object hwClass = NodeAttributes.of(new HardwareDetector().detect(Path.of("."))).build().get(HardwareKeys.HW_CLASS);
        return hwClass == null ? null : hwClass.toString();
    }
}
