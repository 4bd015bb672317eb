package io.dtf.cli;

import io.dtf.worker.command.CommandLimits;
import io.dtf.worker.command.CommandPolicy;
import io.dtf.worker.command.ExecutableAllowList;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options of {@code dtf node} that say which {@code command} tasks a worker runs. None by
 * default: a command task runs any program, so its worker's operator opts in.
 *
 * <pre>
 * dtf node --config config/ignite-worker.xml --allow-commands                # any program
 * dtf node --config config/ignite-worker.xml --allow-commands=sh,python3,/usr/bin/make \
 *     --command-limits processes=2048,files=1024,file-size=1GiB,cpu=30m --command-env JAVA_HOME
 * </pre>
 */
final class CommandTaskOptions {
    private static final String ANY = "*";

    @Option(names = "--allow-commands", arity = "0..1", fallbackValue = ANY, paramLabel = "PROGRAMS",
            description = {"Run command tasks (processes) on this worker; without it, it runs none and the coordinator"
                    + " sends it none. Alone: any program. With a list: only these programs, by name (looked up on"
                    + " PATH) or absolute path, e.g. --allow-commands=sh,python3,/usr/bin/make. Allowing a shell or"
                    + " an interpreter allows everything it can run."})
    String allowCommands;

    @Option(names = "--command-limits", paramLabel = "LIMITS",
            description = "OS limits on every command's processes (Linux, through prlimit): "
                    + CommandLimits.SYNTAX + ", e.g. processes=2048,files=1024,file-size=1GiB,cpu=30m.")
    String limits;

    @Option(names = "--command-env", paramLabel = "NAMES", split = ",",
            description = "Variables of this worker's environment passed on to commands, e.g. JAVA_HOME,CUDA_VISIBLE_DEVICES"
                    + " (commands otherwise see only PATH, LANG, LC_ALL, TZ, USER, LOGNAME, HOME and TMPDIR of their own).")
    Set<String> passed = new LinkedHashSet<>();

    /** Before --allow-commands, workers ran commands unless told not to; now none do unless told to. */
    @Option(names = "--no-commands", hidden = true, description = "Deprecated: refusing command tasks is the default.")
    boolean noCommands;

    /**
     * The policy these options ask for.
     *
     * @throws IllegalArgumentException naming the option and the fix
     */
    CommandPolicy policy() {
        if (allowCommands == null) {
            if (limits != null || !passed.isEmpty()) {
                throw new IllegalArgumentException((limits != null ? "--command-limits" : "--command-env")
                        + " applies to command tasks, which this worker does not run; add --allow-commands");
            }
            return CommandPolicy.NONE;
        }
        if (noCommands) {
            throw new IllegalArgumentException("--no-commands and --allow-commands contradict each other; give one");
        }
        if (allowCommands.isBlank()) {
            throw new IllegalArgumentException("--allow-commands= names no program; give a list such as"
                    + " --allow-commands=sh,python3, or leave out '=' to allow any program");
        }
        ExecutableAllowList allowList;
        CommandLimits commandLimits;
        try {
            allowList = allowCommands.equals(ANY) ? ExecutableAllowList.ANY : ExecutableAllowList.parse(allowCommands);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--allow-commands: " + e.getMessage());
        }
        try {
            commandLimits = CommandLimits.parse(limits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--command-limits: " + e.getMessage());
        }
        if (!commandLimits.isEmpty()) {
            CommandLimits.Launcher launcher = CommandLimits.launcher(System.getenv("PATH"));
            if (launcher.program() == null) {
                throw new IllegalArgumentException("--command-limits: " + launcher.unavailable());
            }
        }
        try {
            return CommandPolicy.allowing(allowList).withLimits(commandLimits).withPassedVariables(passed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--command-env: " + e.getMessage());
        }
    }
}
