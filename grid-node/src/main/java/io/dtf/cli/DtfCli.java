package io.dtf.cli;

import io.dtf.wire.SafeText;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code dtf} command line. */
@Command(name = "dtf", mixinStandardHelpOptions = true, version = "DTF 0.1.0",
        description = "Distributed testing framework: run tests and benchmarks across a grid of machines.",
        subcommands = {RunCommand.class, NodeCommand.class, HwCommand.class, SubmitCommand.class, CancelCommand.class,
                StatusCommand.class, WorkerCommand.class, ResultsCommand.class, LogsCommand.class, ImportCommand.class,
                AnalyzeCommand.class, AuditCommand.class, KeysCommand.class, TokenCommand.class,
                TestsCommand.class, SimulateCommand.class,
                ConsoleCommand.class,
                CommandLine.HelpCommand.class})
public final class DtfCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code (tests call this without exiting). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The whole command tree, with what every command shares set here once: {@code --help} and
     * {@code --version} on each subcommand, durations in the suite notation, and errors as one line.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DtfCli());
        addHelpOptions(cli);
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("dtf: " + SafeText.lines(Errors.describe(e, gridOf(commandLine.getCommandSpec()))));
            return Errors.exitCode(e);
        });
        return cli;
    }

    private static void addHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null) { // `dtf help` has its own
                spec.mixinStandardHelpOptions(true);
            }
            addHelpOptions(sub);
        }
    }

    /** The grid addresses a failed command reads (given or default), for its error message; null for a command without --grid. */
    private static String gridOf(CommandSpec spec) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof GridOptions grid) {
                return grid.address();
            }
        }
        return null;
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
