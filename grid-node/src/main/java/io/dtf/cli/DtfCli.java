package io.dtf.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dtf} command line. */
@Command(name = "dtf", mixinStandardHelpOptions = true, version = "DTF 0.1.0",
        description = "Distributed testing framework: run tests and benchmarks across a grid of machines.",
        subcommands = {RunCommand.class, NodeCommand.class, HwCommand.class, SubmitCommand.class, CancelCommand.class,
                StatusCommand.class, WorkerCommand.class, ResultsCommand.class, ImportCommand.class, AnalyzeCommand.class,
                CommandLine.HelpCommand.class})
public final class DtfCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code (tests call this without exiting). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new DtfCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("dtf: " + Errors.describe(e));
            return ExitCodes.GRID_ERROR;
        });
        return cli.execute(args);
    }

    /** Where DTF's own files are: the {@code dtf.home} property the launcher sets, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("dtf.home", "."));
    }

    /** Sends log lines under {@code dataDir/logs}; call before anything logs. */
    static void configureLogging(Path dataDir, boolean verbose) {
        System.setProperty("dtf.log.dir", dataDir.resolve("logs").toAbsolutePath().toString());
        // Not quiet: Ignite then writes its start-up banner through the logger (the file), not to stdout.
        System.setProperty("IGNITE_QUIET", "false");
        if (verbose) {
            System.setProperty("dtf.console.level", "INFO");
        }
    }
}
