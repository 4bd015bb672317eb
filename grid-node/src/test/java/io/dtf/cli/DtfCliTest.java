package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.GridUnreachableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every command shares, checked on the command tree without starting anything. */
class DtfCliTest {
    record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome dtf(String... args) {
        CommandLine cli = DtfCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Every command and subcommand, as the words that invoke it ({@code [worker, list]}). */
    private static List<List<String>> commands(CommandLine command, List<String> path) {
        List<List<String>> all = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            List<String> words = new ArrayList<>(path);
            words.add(sub.getKey());
            all.add(words);
            all.addAll(commands(sub.getValue(), words));
        }
        return all;
    }

    @Test
    void helpWorksOnEverySubcommandAndThroughDtfHelp() {
        List<List<String>> commands = commands(DtfCli.commandLine(), List.of());
        assertTrue(commands.size() >= 12, commands.toString());
        for (List<String> words : commands) {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            Outcome help = dtf(args.toArray(String[]::new));
            assertEquals(0, help.exitCode(), words + ": " + help.err());
            assertTrue(help.out().contains("Usage: dtf " + String.join(" ", words)), words + ": " + help.out());
        }
        Outcome viaHelp = dtf("help", "logs");
        assertEquals(0, viaHelp.exitCode(), viaHelp.err());
        assertTrue(viaHelp.out().startsWith("Usage: dtf logs"), viaHelp.out());
    }

    @Test
    void durationsTakeTheSuiteNotationAndIso8601() {
        assertEquals(Duration.ofMinutes(90), timeout("1h30m"));
        assertEquals(Duration.ofMinutes(10), timeout("10m"));
        assertEquals(Duration.ofSeconds(90), timeout("90s"));
        assertEquals(Duration.ofMinutes(10), timeout("PT10M"));
        assertEquals(Duration.ofHours(24), timeout(null), "the default");

        Outcome bad = dtf("run", "suite.yaml", "--timeout", "10 parsecs");
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("'10 parsecs' is not a duration; write e.g. 500ms, 30s, 10m, 1h30m"), bad.err());
    }

    private static Duration timeout(String value) {
        CommandLine cli = DtfCli.commandLine();
        CommandLine.ParseResult parsed = value == null ? cli.parseArgs("run", "suite.yaml")
                : cli.parseArgs("run", "suite.yaml", "--timeout", value);
        return ((RunCommand) parsed.subcommand().commandSpec().userObject()).timeout;
    }

    @Test
    void everyGridOptionComesFromTheOneMixinAndItsHelpSaysItTakesAList() {
        int withGrid = 0;
        for (List<String> words : commands(DtfCli.commandLine(), List.of())) {
            CommandSpec spec = spec(words);
            OptionSpec grid = spec.findOption("--grid");
            if (grid == null) {
                continue;
            }
            if (words.equals(List.of("console"))) {
                // The console joins as a member: its --grid is another name of --join, the discovery addresses.
                assertEquals(spec.findOption("--join"), grid, "dtf console --grid is --join");
                continue;
            }
            withGrid++;
            assertTrue(spec.mixins().values().stream().anyMatch(m -> m.userObject() instanceof GridOptions),
                    words + " declares its own --grid");
            assertEquals("HOST:PORT[,HOST:PORT...]", grid.paramLabel(), words.toString());
            assertTrue(String.join(" ", grid.description()).contains("several separated by commas"), words.toString());
        }
        assertTrue(withGrid >= 7, "run, submit, status, results, logs, worker list, worker release: " + withGrid);

        CommandLine cli = DtfCli.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("status", "--grid", "10.0.0.1:10800, 10.0.0.2:10800..10809");
        assertEquals("10.0.0.1:10800, 10.0.0.2:10800..10809",
                ((StatusCommand) parsed.subcommand().commandSpec().userObject()).grid.address());
        Outcome bad = dtf("status", "--grid", "10.0.0.1:10800;10.0.0.2");
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("grid address '10.0.0.1:10800;10.0.0.2' is not HOST:PORT"), bad.err());
    }

    @Test
    void everyDataDirOptionComesFromTheOneMixin() {
        for (List<String> words : commands(DtfCli.commandLine(), List.of())) {
            CommandSpec spec = spec(words);
            if (spec.findOption("--data-dir") != null) {
                assertTrue(spec.mixins().values().stream().anyMatch(m -> m.userObject() instanceof DataDirOptions),
                        words + " declares its own --data-dir");
            }
        }
    }

    @Test
    void networkErrorsNameTheAddressAndWhatToCheck() {
        String unreachable = Errors.describe(new GridUnreachableException(List.of("10.0.0.5:10800"),
                "cannot reach the grid at 10.0.0.5:10800 (connection refused): is a DTF node running there with its "
                        + "thin-client port open?", null), "10.0.0.5:10800");
        assertEquals("cannot reach the grid at 10.0.0.5:10800 (connection refused): is a DTF node running there with "
                + "its thin-client port open? check --grid", unreachable);
        String lost = Errors.describe(new IllegalStateException("call failed",
                new org.apache.ignite.client.ClientConnectionException("Channel is closed [remoteAddress=/10.0.0.5:10800]")),
                "10.0.0.5:10800");
        assertEquals("lost the connection to the grid at 10.0.0.5:10800 (Channel is closed): did the node stop? "
                + "See its log, then try again", lost);
    }

    private static CommandSpec spec(List<String> words) {
        CommandLine command = DtfCli.commandLine();
        for (String word : words) {
            command = command.getSubcommands().get(word);
        }
        return command.getCommandSpec();
    }
}
