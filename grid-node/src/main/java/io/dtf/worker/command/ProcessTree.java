package io.dtf.worker.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every process one command attempt started, so that none outlives the attempt.
 *
 * <p>Two nets: the live tree under the command's process ({@link ProcessHandle#descendants()}), and,
 * on Linux, any process whose environment carries this attempt's {@link #ATTEMPT_VARIABLE}. The
 * second catches what left the tree: a child orphaned when its parent died (a subshell's
 * {@code sleep 1000 &}) or a daemon that double-forked. A process that clears its own environment
 * and detaches can still escape; only an OS container could hold it.
 */
final class ProcessTree {
    /** The variable that marks a command's processes; its value is unique per attempt. */
    static final String ATTEMPT_VARIABLE = "DTF_ATTEMPT_ID";

    private static final Path PROC = Path.of("/proc");
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    // Catch processes forked while a sweep was running, without looping forever on a fork bomb.
    private static final int SWEEPS = 3;

    private final Process root;
    private final byte[] marker;

    ProcessTree(Process root, String attemptId) {
        this.root = root;
        this.marker = (ATTEMPT_VARIABLE + "=" + attemptId).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Kills the command's process and every process it started (children first, then the root, so
     * none is orphaned mid-kill), and waits a few seconds for them to be gone.
     *
     * @return how many processes other than the root were killed
     */
    int killAll() {
        List<ProcessHandle> killed = new ArrayList<>();
        root.descendants().forEach(killed::add);
        killed.forEach(ProcessHandle::destroyForcibly);
        // Through the handle: Process.destroyForcibly() would also close the output pipes before
        // the pumps have drained them, losing the last lines of a process that already exited.
        root.toHandle().destroyForcibly();
        for (int i = 0; i < SWEEPS; i++) {
            List<ProcessHandle> strays = marked();
            if (strays.isEmpty()) {
                break;
            }
            strays.forEach(ProcessHandle::destroyForcibly);
            killed.addAll(strays);
        }
        awaitExit(killed);
        return (int) killed.stream().map(ProcessHandle::pid).distinct().count();
    }

    private List<ProcessHandle> marked() {
        if (!Files.isDirectory(PROC)) {
            return List.of(); // not Linux: the live tree is all we can see
        }
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .filter(pid -> pid != self && pid != root.pid() && carriesMarker(pid))
                    .forEach(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(found::add));
        } catch (IOException | RuntimeException e) {
            // /proc is best effort: the live tree was already killed.
        }
        return found;
    }

    private boolean carriesMarker(long pid) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone already, or another user's process
        }
        // Variables are NUL-separated: match a whole entry, not a piece of another one.
        for (int i = 0; i + marker.length <= environ.length; i++) {
            if ((i == 0 || environ[i - 1] == 0)
                    && Arrays.equals(environ, i, i + marker.length, marker, 0, marker.length)
                    && (i + marker.length == environ.length || environ[i + marker.length] == 0)) {
                return true;
            }
        }
        return false;
    }

    private void awaitExit(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        List<ProcessHandle> waiting = new ArrayList<>(processes);
        waiting.add(root.toHandle());
        while (System.nanoTime() < deadline) {
            waiting.removeIf(h -> !isRunning(h));
            if (waiting.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Alive and not a zombie. A killed orphan stays a zombie until init reaps it, which some inits
     * do only every few seconds; {@link ProcessHandle#isAlive()} counts it as alive until then.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"));
            // "pid (command) state ...": the command may contain ')' itself, so take the last one.
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive(); // no /proc (not Linux), or the process just vanished
        }
    }
}
