package io.dtf.cli;

import io.dtf.model.RunView;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.wire.SafeText;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * The live progress of a run. On a terminal, one line rewritten in place (done/total, passed,
 * failed, ETA) with failures printed above it; elsewhere (CI logs, pipes) one plain line per
 * ended task.
 */
final class Progress {
    private final PrintStream out;
    private final int total;
    private final boolean terminal;
    private final Instant start = Instant.now();
    private int done;
    private int passed;
    private int flaky;
    private int failed;
    private int retried;
    private int running;

    Progress(PrintStream out, int total, boolean terminal) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
    }

    void onResult(TaskResult r) {
        if (!r.finalAttempt()) {
            retried++;
            if (!terminal) {
                out.println(SafeText.line("retry   " + r.taskId() + " attempt " + r.attempt() + " " + r.status()
                        + reason(r) + (r.decision() == null ? "" : " -> " + r.decision())));
            }
            return;
        }
        done++;
        if (r.status() == TaskState.FLAKY) {
            flaky++;
        } else if (r.status() == TaskState.PASSED) {
            passed++;
        } else {
            failed++;
        }
        String line = SafeText.line(String.format("%-7s %s on %s in %s %s%s", r.status(), r.taskId(), r.hwClass(),
                Format.seconds(Format.seconds(r)), Format.metrics(r.metrics()), reason(r)).stripTrailing());
        if (terminal) {
            if (!r.status().isSuccess()) {
                out.print("\r\033[K" + line + "\n");
            }
            out.print("\r\033[K" + status());
        } else {
            out.println(String.format("[%d/%d] ", done, total) + line);
        }
        out.flush();
    }

    /** Refreshes the terminal line between results, so elapsed time and running count stay live. */
    void onProgress(RunView view) {
        running = view.count(TaskState.RUNNING);
        if (terminal) {
            out.print("\r\033[K" + status());
            out.flush();
        }
    }

    void finish() {
        if (terminal) {
            out.print("\r\033[K" + status() + "\n");
        }
        out.flush();
    }

    String status() {
        Duration elapsed = Duration.between(start, Instant.now());
        String eta = done == 0 ? "?" : Format.clock(elapsed.multipliedBy(total - done).dividedBy(done));
        return String.format("[%d/%d] passed %d%s, failed %d, running %d%s, elapsed %s, eta %s", done, total, passed,
                flaky > 0 ? ", flaky " + flaky : "", failed, done == total ? 0 : running, retried > 0 ? ", retried " + retried : "", Format.clock(elapsed),
                done == total ? "0:00" : eta);
    }

    private static String reason(TaskResult r) {
        return r.status().isSuccess() || r.error() == null ? "" : " - " + r.error();
    }
}
