package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancelling through the launcher: Ctrl-C in {@code dtf run}, {@code dtf run --detach} and {@code dtf cancel}. */
class RunCancelIT {
    private static final Pattern RUN_ID = Pattern.compile("(?m)^run (\\S+)");
    private static Launcher dtf;
    private static Path work;

    @BeforeAll
    static void cleanWorkDir() throws IOException {
        dtf = Launcher.in("run-cancel-it");
        work = dtf.work();
    }

    @Test
    void ctrlCInDtfRunCancelsTheRunItStartedAndSaysSo() throws Exception {
        Path suite = suite("ctrl-c", "sleep 377");
        Path data = work.resolve("ctrl-c");
        Path out = work.resolve("ctrl-c.out");
        Path err = work.resolve("ctrl-c.err");
        Process run = dtf.start(out, err, "run", suite.toString(), "--data-dir", data.toString());
        try {
            awaitUntil(() -> RUN_ID.matcher(Files.readString(out)).find() && sleeps("sleep 377") >= 2, run, out, err);

            // The launcher execs java: this is the JVM, as a terminal's Ctrl-C would reach it.
            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor());

            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "dtf run still running after Ctrl-C:\n" + Files.readString(out));
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);
            assertEquals(CtrlC.EXIT_CODE, run.exitValue(), stdout + stderr);
            String runId = runId(stdout);
            assertTrue(stderr.contains("Ctrl-C: cancelling run " + runId), stderr);
            assertTrue(stdout.contains("CANCELLED: run " + runId + " was cancelled by Ctrl-C; 2 of 2 tasks CANCELLED"),
                    stdout);
            awaitGone("sleep 377");

            Outcome results = dtf.run("results", runId, "--db", data.resolve("dtf.duckdb").toString(), "--format",
                    "csv");
            assertEquals(0, results.exitCode(), results.err());
            assertEquals(2, results.out().lines().filter(l -> l.contains(",CANCELLED,")).count(), results.out());
        } finally {
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            killSleeps("sleep 377");
        }
    }

    @Test
    void aDetachedRunGoesOnUntilDtfCancelEndsIt() throws Exception {
        Path log = work.resolve("grid-node.log");
        Process node = dtf.start(log, "node", "--port", "29500", "--comm-port", "29520", "--client-port", "29540",
                "--join", "127.0.0.1:29500..29509", "--data-dir", work.resolve("grid").toString(),
                "--allow-commands");
        try {
            awaitUntil(() -> Files.readString(log).contains(" up: "), node, log, log);
            String grid = "127.0.0.1:29540";

            Outcome detached = dtf.run("run", suite("detached", "sleep 378").toString(), "--grid", grid, "--detach");
            assertEquals(0, detached.exitCode(), detached.out() + detached.err());
            String runId = runId(detached.out());
            assertTrue(detached.out().contains("`dtf cancel " + runId + " --grid " + grid + "`"), detached.out());
            awaitUntil(() -> sleeps("sleep 378") >= 2, node, log, log);

            Outcome cancel = dtf.run("cancel", runId, "--grid", grid);
            assertEquals(0, cancel.exitCode(), cancel.out() + cancel.err());
            assertTrue(cancel.out().contains("1 waiting task(s) dequeued, 1 running attempt(s) being stopped"),
                    cancel.out());
            assertTrue(cancel.out().contains("run " + runId + ": 2/2 ended, 2 CANCELLED"), cancel.out());
            awaitGone("sleep 378");

            Outcome again = dtf.run("cancel", runId, "--grid", grid);
            assertEquals(0, again.exitCode(), again.err());
            assertTrue(again.out().contains("0 waiting task(s) dequeued, 0 running attempt(s) being stopped, 2 already"
                    + " ended"), again.out());

            Outcome unknown = dtf.run("cancel", "no-such-run", "--grid", grid);
            assertEquals(2, unknown.exitCode(), unknown.out() + unknown.err());
            assertTrue(unknown.err().contains("no run 'no-such-run'"), unknown.err());

            Outcome embedded = dtf.run("run", suite("no-grid", "true").toString(), "--detach");
            assertEquals(2, embedded.exitCode());
            assertTrue(embedded.err().contains("--detach needs --grid"), embedded.err());
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
            killSleeps("sleep 378");
        }
    }

    /** A running command and a task that waits for a node that never comes. */
    private static Path suite(String name, String sleep) throws IOException {
        Path file = work.resolve(name + ".yaml");
        Files.writeString(file, """
                suite: NAME
                defaults: {timeout: 10m}
                tasks:
                  - name: sleeper
                    type: command
                    command: [sh, -c, "SLEEP & SLEEP & wait"]
                  - name: waiting
                    type: command
                    command: ["true"]
                    requires: [tag not-on-any-node]
                """.replace("NAME", name).replace("SLEEP", sleep));
        return file;
    }

    private static long sleeps(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).count();
    }

    /** The task's processes are gone (allowing for a killed child's moment as a zombie). */
    private static void awaitGone(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sleeps(marker) > 0) {
            assertTrue(System.nanoTime() < deadline, "processes of '" + marker + "' still running");
            Thread.sleep(100);
        }
    }

    private static void killSleeps(String marker) {
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                .forEach(ProcessHandle::destroyForcibly);
    }

    interface Check {
        boolean ok() throws IOException;
    }

    private static void awaitUntil(Check check, Process p, Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!check.ok()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("condition not met; process " + (p.isAlive() ? "running" : "exited "
                        + p.exitValue()) + ":\n" + Files.readString(out) + "\n" + Files.readString(err));
            }
            Thread.sleep(100);
        }
    }

    private static String runId(String out) {
        Matcher m = RUN_ID.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
