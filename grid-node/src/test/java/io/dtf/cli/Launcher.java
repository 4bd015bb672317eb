package io.dtf.cli;

import io.dtf.grid.TestGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code dtf} launcher, run as a person would run it, from a working directory of the test's own.
 *
 * <pre>{@code
 * Launcher dtf = Launcher.in("cli-it");          // works in target/cli-it, emptied first
 * Outcome o = dtf.run("hw", "--json");           // waits for the command, two minutes at most
 * Path log = dtf.work().resolve("node.log");
 * Process node = dtf.start(log, "node", "--port", "27640", "--data-dir", dtf.work().resolve("grid").toString());
 * Launcher.awaitStarted(node, log, Duration.ofSeconds(60), out -> out.contains(" up: "));
 * }</pre>
 *
 * <p>{@link #start} leaves the process to the test (to interrupt, stop or watch); grid tests that only need a
 * node up, by id, to kill or stop use {@code io.dtf.grid.NodeProcess}.
 */
public final class Launcher {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** What a finished command answered: its exit code and everything it printed on each stream. */
    public record Outcome(int exitCode, String out, String err) {
    }

    private final Path work;

    private Launcher(Path work) {
        this.work = work;
    }

    /** A launcher working in {@code target/NAME} (NAME may hold a '/'), deleted and created again empty. */
    public static Launcher in(String name) throws IOException {
        Path work = Path.of("target", name).toAbsolutePath();
        TestGrid.deleteTree(work);
        return new Launcher(Files.createDirectories(work));
    }

    /** The DTF checkout the tests run from: it holds the {@code dtf} script, {@code config/} and {@code examples/}. */
    public static Path home() {
        return TestGrid.home();
    }

    /** The working directory of every command; each command's output files are left here too. */
    public Path work() {
        return work;
    }

    /** Runs {@code dtf ARGS} in {@link #work()} and waits for it to end. */
    public Outcome run(String... args) throws IOException, InterruptedException {
        return exec(dtf(args));
    }

    /** Runs {@code dtf ARGS} in {@link #work()} with {@code env} added to its environment, and waits for it to end. */
    public Outcome run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return exec(dtf(args), env);
    }

    /** Runs any command in {@link #work()} as {@link #run} runs {@code dtf}, e.g. {@code java} on an example. */
    public Outcome exec(List<String> command) throws IOException, InterruptedException {
        return exec(command, Map.of());
    }

    private Outcome exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().putAll(env);
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Starts {@code dtf ARGS} in {@link #work()} in the background, its two streams written to two files. */
    public Process start(Path out, Path err, String... args) throws IOException {
        return new ProcessBuilder(dtf(args)).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    /** Starts {@code dtf ARGS} in {@link #work()} in the background, both its streams written to {@code log}. */
    public Process start(Path log, String... args) throws IOException {
        return start(Map.of(), log, args);
    }

    /** As {@link #start(Path, String...)}, with {@code env} added to its environment. */
    public Process start(Map<String, String> env, Path log, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(dtf(args)).directory(work.toFile());
        builder.environment().putAll(env);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Waits until what a background {@code dtf node} wrote to {@code log} is {@code started}, and returns it;
     * fails if the process ends first or {@code timeout} passes.
     */
    public static String awaitStarted(Process node, Path log, Duration timeout, Predicate<String> started)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            if (started.test(out)) {
                return out;
            }
            if (!node.isAlive() || System.nanoTime() >= deadline) {
                throw new AssertionError("node did not start: " + out);
            }
            Thread.sleep(100);
        }
    }

    private static List<String> dtf(String... args) {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("dtf").toString());
        command.addAll(List.of(args));
        return command;
    }
}
