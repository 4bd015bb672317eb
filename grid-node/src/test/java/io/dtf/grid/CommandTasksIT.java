package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.suite.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a command task may do on workers started through the {@code dtf} launcher: a worker that did
 * not opt in is never sent one; a worker with an allow-list refuses other programs; a command sees
 * none of its worker's variables, works in a directory of its own that is gone afterwards, under the
 * worker's OS limits, and only in directories the worker allows.
 */
class CommandTasksIT {
    private static final String JOIN = "127.0.0.1:31800..31809";
    private static final String GRID = "127.0.0.1:31840";
    private static final Path ROOT = Path.of("target", "grids", "command-tasks").toAbsolutePath();
    private static final Map<String, String> SECRETS = Map.of("DTF_TOKEN", "secret-node-token",
            "AWS_SECRET_ACCESS_KEY", "secret-aws-key");

    private static NodeProcess server;
    private static NodeProcess plain;
    private static NodeProcess restricted;

    @BeforeAll
    static void startGrid() throws Exception {
        TestGrid.deleteTree(ROOT);
        server = NodeProcess.start(ROOT.resolve("server"), "--config", TestGrid.config("ignite-server.xml").toString(),
                "--bind", "127.0.0.1", "--port", "31800", "--comm-port", "31820", "--client-port", "31840",
                "--join", JOIN);
        plain = NodeProcess.start(ROOT.resolve("plain"), SECRETS, "--config",
                TestGrid.config("ignite-worker.xml").toString(), "--bind", "127.0.0.1", "--port", "31801",
                "--comm-port", "31821", "--client-port", "31841", "--join", JOIN, "--tags", "plain");
        restricted = NodeProcess.start(ROOT.resolve("restricted"), SECRETS, "--config",
                TestGrid.config("ignite-worker.xml").toString(), "--bind", "127.0.0.1", "--port", "31802",
                "--comm-port", "31822", "--client-port", "31842", "--join", JOIN, "--tags", "restricted",
                "--allow-commands=sh", "--command-limits", "files=64");
    }

    @AfterAll
    static void stopGrid() throws Exception {
        for (NodeProcess node : new NodeProcess[] {restricted, plain, server}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void workersRunOnlyTheCommandsTheirOperatorsAllowInACleanPlaceOfTheirOwn() throws Exception {
        assertTrue(plain.output().contains("runs no command tasks"), plain.output());
        assertTrue(restricted.output().contains("runs command tasks (only sh) with limits files=64"),
                restricted.output());
        Path marker = ROOT.resolve("plain-ran");
        Path suiteFile = Files.writeString(ROOT.resolve("suite.yaml"), """
                suite: command-tasks
                defaults: {timeout: 60s}
                tasks:
                  - {name: plain-probe, type: benchmark, benchmark: noop, requires: [tag plain]}
                  - {name: plain-command, type: command, command: [touch, MARKER], requires: [tag plain]}
                  - name: env
                    type: command
                    command: [sh, -c, "env; echo \\"pwd=$(pwd)\\""]
                    requires: [tag restricted]
                  - {name: refused, type: command, command: [cat, /etc/hostname], requires: [tag restricted]}
                  - {name: shell, type: command, command: [sh, -c, "cat /etc/hostname"], requires: [tag restricted]}
                  - {name: limits, type: command, command: [sh, -c, "cat /proc/self/limits"], requires: [tag restricted]}
                  - {name: etc, type: command, command: [sh, -c, pwd], workdir: /etc, requires: [tag restricted]}
                """.replace("MARKER", marker.toString()));

        try (DtfClient client = DtfClient.connect(ClientOptions.of(GRID))) {
            String runId = client.submit(SuiteLoader.load(suiteFile));
            TestGrid.await("every task but the one no worker may run", Duration.ofSeconds(90), () ->
                    client.tasks(runId).stream().filter(t -> !t.taskId().equals("plain-command"))
                            .allMatch(t -> t.state().isFinal()));
            Map<String, TaskView> tasks = new HashMap<>();
            client.tasks(runId).forEach(t -> tasks.put(t.taskId(), t));
            Map<String, TaskResult> results = new HashMap<>();
            client.results(runId).forEach(r -> results.put(r.taskId(), r));

            // The worker that did not opt in ran its benchmark, and was never sent the command.
            assertEquals(TaskState.PASSED, tasks.get("plain-probe").state());
            assertEquals(plain.nodeId(), results.get("plain-probe").nodeId());
            TaskView waiting = tasks.get("plain-command");
            assertEquals(TaskState.QUEUED, waiting.state(), waiting.toString());
            assertEquals(0, waiting.attempts());
            assertTrue(waiting.waitingReason().contains("'runs command tasks' unmet on 1"), waiting.waitingReason());
            assertTrue(waiting.waitingReason().contains("--allow-commands"), waiting.waitingReason());
            assertFalse(Files.exists(marker));
            Outcome status = Launcher.in("command-tasks-cli").run("status", runId, "--grid", GRID);
            assertTrue(status.out().contains("runs command tasks"), status.out() + status.err());

            // Nothing of the worker's environment reaches the command; its directory is its own, then gone.
            TaskResult env = results.get("env");
            assertEquals(TaskState.PASSED, env.status(), env.toString());
            assertFalse(env.stdoutTail().contains("secret"), env.stdoutTail());
            assertFalse(env.stdoutTail().contains("DTF_TOKEN"), env.stdoutTail());
            String dir = line(env.stdoutTail(), "pwd=");
            assertTrue(dir.startsWith(ROOT.resolve("restricted").resolve("attempts").toString()), dir);
            assertEquals(dir, line(env.stdoutTail(), "HOME="));
            assertFalse(Files.exists(Path.of(dir)), "the attempt's directory is removed after the attempt");

            // The allow-list: another program is the task's error, named with the list; a shell runs anything.
            TaskResult refused = results.get("refused");
            assertEquals(TaskState.ERROR, refused.status());
            assertEquals(FailureCategory.BAD_DEFINITION, refused.category());
            assertTrue(refused.error().startsWith("command 'cat' is not allowed on this worker, which runs only sh"),
                    refused.error());
            assertEquals(TaskState.PASSED, results.get("shell").status(), "allowing a shell allows everything");

            TaskResult limits = results.get("limits");
            assertTrue(limits.stdoutTail().matches("(?s).*Max open files +64 +64 .*"), limits.stdoutTail());

            TaskResult etc = results.get("etc");
            assertEquals(FailureCategory.BAD_DEFINITION, etc.category());
            assertTrue(etc.error().startsWith("workdir '/etc' is outside the directories this worker allows (only the"
                    + " attempt's own directory)"), etc.error());

            assertNotNull(client.cancel(runId));
        }
    }

    @Test
    void aSuiteWhoseWorkdirLeavesTheAttemptsDirectoryIsRefusedBeforeAnythingRuns() throws Exception {
        Launcher dtf = Launcher.in("command-tasks-hostile");
        Path suite = Files.writeString(dtf.work().resolve("hostile.yaml"), """
                suite: hostile
                tasks:
                  - {name: passwd, type: command, command: [sh, -c, "cat passwd"], workdir: ../../etc}
                """);

        Outcome submit = dtf.run("submit", suite.toString(), "--grid", GRID);

        assertEquals(3, submit.exitCode(), submit.out() + submit.err());
        assertTrue(submit.err().contains("task 'passwd' (#1), field 'workdir': '../../etc' leaves the attempt's own"
                + " directory through '..'"), submit.err());
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() ->
                new AssertionError("no line " + prefix + " in " + text)).substring(prefix.length());
    }
}
