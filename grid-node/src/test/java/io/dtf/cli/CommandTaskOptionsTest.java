package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.worker.command.CommandLimits;
import io.dtf.worker.command.CommandPolicy;
import io.dtf.worker.command.ExecutableAllowList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dtf node}'s options for command tasks: none unless asked, and bad ones refused before any node starts. */
class CommandTaskOptionsTest {
    private static CommandPolicy policy(String... args) {
        NodeCommand node = new NodeCommand();
        new CommandLine(node).parseArgs(args);
        return node.commandTasks.policy();
    }

    @Test
    void aWorkerRunsNoCommandsUnlessItsOperatorAllowsThem() {
        assertEquals(CommandPolicy.NONE, policy());
        assertEquals(CommandPolicy.ANY, policy("--allow-commands"));
        assertEquals(CommandPolicy.ANY, policy("--allow-commands", "--data-dir", "x"));
        CommandPolicy listed = policy("--allow-commands=sh,python3,/usr/bin/make", "--command-limits", "files=64",
                "--command-env", "JAVA_HOME,CUDA_VISIBLE_DEVICES");
        assertEquals(List.of("sh", "python3", "/usr/bin/make"), listed.allowList().entries());
        assertEquals(new CommandLimits(null, 64L, null, null), listed.limits());
        assertEquals(Set.of("JAVA_HOME", "CUDA_VISIBLE_DEVICES"), listed.passedVariables());
        assertEquals(listed, CommandPolicy.fromAttributes(listed.attributes()::get), "published and read back");
        assertEquals(ExecutableAllowList.ANY, CommandPolicy.fromAttributes(CommandPolicy.ANY.attributes()::get)
                .allowList());
    }

    @Test
    void badOptionsAreRefusedWithTheOptionAndTheFix() {
        refused("--command-limits applies to command tasks, which this worker does not run; add --allow-commands",
                "--command-limits", "files=64");
        refused("--allow-commands: 'bin/tool' is a relative path; allow a program by its name",
                "--allow-commands=sh,bin/tool");
        refused("--allow-commands= names no program", "--allow-commands=");
        refused("--allow-commands: ',' names no program", "--allow-commands=,");
        refused("--command-limits: unknown limit 'memory'", "--allow-commands", "--command-limits", "memory=1GiB");
        refused("--command-env: '1BAD' is not an environment variable name", "--allow-commands", "--command-env",
                "1BAD");
        refused("--no-commands and --allow-commands contradict each other", "--allow-commands", "--no-commands");
    }

    private static void refused(String start, String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "node";
        System.arraycopy(args, 0, line, 1, args.length);
        Launcher.Outcome o = InProcessCli.dtf(line);
        assertEquals(ExitCodes.USAGE, o.exitCode(), o.out() + o.err());
        assertTrue(o.err().startsWith("dtf: " + start), o.err());
    }
}
