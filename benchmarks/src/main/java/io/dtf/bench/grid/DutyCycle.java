package io.dtf.bench.grid;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes some workers' machines slower, as {@code cpulimit} does, without root: every
 * {@value #STEP_MILLIS} ms it finds the processes each slowed worker JVM has started (its commands,
 * from {@code /proc}) and lets them run ({@code SIGCONT}) for the first {@code runSteps} of every
 * {@value #STEPS} steps, stopped ({@code SIGSTOP}) for the rest. A CPU-bound command on a worker
 * with {@code runSteps = 2} thus gets at most a quarter of a core. The worker JVMs themselves are
 * never stopped: the grid sees them answer as usual, only their tasks run slower.
 *
 * <p>Signals go through one long-lived {@code bash} whose {@code kill} builtin sends them, so a
 * step costs one pipe write, not a process start. A command started during a stopped phase runs
 * for at most one step before it is stopped.
 */
final class DutyCycle implements AutoCloseable {
    static final int STEPS = 8;
    static final long STEP_MILLIS = 25;
    private static final Path PROC = Path.of("/proc");

    private final Map<Long, Integer> runSteps;
    private final Process signaller;
    private final Writer signals;
    private final Thread thread;
    private volatile boolean closed;

    /** @param runSteps worker JVM pid to the steps of {@value #STEPS} its commands may run; 8 or more: never stopped */
    DutyCycle(Map<Long, Integer> runSteps) throws IOException {
        this.runSteps = Map.copyOf(runSteps);
        signaller = new ProcessBuilder("bash", "-c", "while read -r line; do kill $line 2>/dev/null; done")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        signals = new OutputStreamWriter(signaller.getOutputStream(), StandardCharsets.US_ASCII);
        thread = new Thread(this::loop, "duty-cycle");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    private void loop() {
        long next = System.nanoTime();
        for (int step = 0; !closed; step = (step + 1) % STEPS) {
            Map<Long, List<Long>> children = children();
            StringBuilder stop = new StringBuilder();
            StringBuilder cont = new StringBuilder();
            for (Map.Entry<Long, Integer> worker : runSteps.entrySet()) {
                if (worker.getValue() >= STEPS) {
                    continue;
                }
                StringBuilder into = step < worker.getValue() ? cont : stop;
                descendants(children, worker.getKey()).forEach(pid -> into.append(' ').append(pid));
            }
            send("-STOP", stop);
            send("-CONT", cont);
            next += TimeUnit.MILLISECONDS.toNanos(STEP_MILLIS);
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private void send(String signal, CharSequence pids) {
        if (pids.isEmpty()) {
            return;
        }
        try {
            signals.write(signal + pids + "\n");
            signals.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the signal sender ended", e);
        }
    }

    /** Every process's children, by parent pid, read from {@code /proc/PID/stat}. */
    private static Map<Long, List<Long>> children() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long parent = parent(dir);
                if (parent > 0) {
                    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return children;
    }

    /** The parent pid: the field after the command name, which is in parentheses and may hold blanks. */
    private static long parent(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return -1; // ended since the directory was listed
        }
    }

    private static List<Long> descendants(Map<Long, List<Long>> children, long root) {
        List<Long> found = new ArrayList<>();
        Deque<Long> todo = new ArrayDeque<>(children.getOrDefault(root, List.of()));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            found.add(pid);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return found;
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** Stops limiting and lets every stopped command run on. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join();
        Map<Long, List<Long>> children = children();
        StringBuilder cont = new StringBuilder();
        runSteps.keySet().forEach(w -> descendants(children, w).forEach(pid -> cont.append(' ').append(pid)));
        send("-CONT", cont);
        try {
            signals.close();
        } catch (IOException e) {
            // the sender is gone already; nothing is left stopped by it
        }
        signaller.waitFor(5, TimeUnit.SECONDS);
        signaller.destroy();
    }
}
