package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.suite.SuiteLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hostile parameter values through the suite loader into real shells: they come out as text, never run. */
class ParameterQuotingIT {
    /** Command substitution, backticks, a separator, both quotes, a glob, a backslash and a newline. */
    private static final String HOSTILE = "$(id) `id` ; echo pwned 'single' \"double\" * \\ end\nsecond line";

    @Test
    void shellSyntaxInAParamValueComesOutVerbatimWhereverThePlaceholderStands() {
        Suite suite = SuiteLoader.parse("""
                suite: quoting
                tasks:
                  - name: bare
                    type: command
                    command: [sh, -c, "printf '%s|' ${v}"]
                    params: {v: VALUE}
                  - name: double-quoted
                    type: command
                    command: [bash, -c, "printf '%s|' \\"${v}\\""]
                    params: {v: VALUE}
                  - name: single-quoted
                    type: command
                    command: [sh, -ec, "printf '%s|' '${v}'"]
                    params: {v: VALUE}
                  - name: in-a-substitution
                    type: command
                    command: [sh, -c, "x=$(printf '%s' ${v}); printf '%s|' \\"$x\\""]
                    params: {v: VALUE}
                  - name: plain-argv
                    type: command
                    command: [printf, "%s|", "${v}"]
                    params: {v: VALUE}
                  - name: environment
                    type: command
                    command: [sh, -c, "printf '%s|' \\"$DTF_PARAM_V\\""]
                    params: {v: VALUE}
                """.replace("VALUE", yaml(HOSTILE)), "quoting.yaml");

        CommandRunner runner = new CommandRunner();
        for (TaskSpec task : suite.tasks()) {
            AttemptOutcome outcome = runner.run((CommandAction) task.action(), task.id(), task.params(),
                    Duration.ofSeconds(20));
            assertEquals(TaskState.PASSED, outcome.status(), task.name() + ": " + outcome.stderrTail());
            assertEquals(HOSTILE + "|", outcome.stdoutTail(), task.name());
        }
    }

    /** A YAML double-quoted scalar holding {@code text}. */
    private static String yaml(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
