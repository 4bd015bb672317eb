package io.dtf.junit.runner;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs JUnit Platform tests in this JVM and records each one; the worker starts it as
 * {@code java -cp <test class path>:<this jar> io.dtf.junit.runner.JunitRunnerMain REQUEST_FILE}.
 *
 * <p>The request file ({@link RunRequest}) names the selectors, tag expressions and the records file.
 * The records ({@link RecordWriter}) are JSON lines, one flushed per test, so that a JVM that dies
 * midway (a test calling {@code System.exit}, running out of memory, killed at the task's timeout)
 * leaves the records of every test that finished, and the one of the test that was running.
 *
 * <p>Exit codes: 0 when every selected test ran (whatever their results), 2 for a request it cannot
 * run (a missing launcher, a bad tag expression; said in a {@code fatal} record and on stderr), 3 when
 * the launcher or the runner threw (e.g. {@link OutOfMemoryError}, which JUnit does not catch, or a
 * {@link NoClassDefFoundError} of a class path that lacks a JUnit jar; an {@code aborted} record).
 */
public final class JunitRunnerMain {
    static final int USAGE = 2;
    static final int ABORTED = 3;
    private static final String LAUNCHER = "org.junit.platform.launcher.core.LauncherFactory";

    private JunitRunnerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp CLASSPATH " + JunitRunnerMain.class.getName() + " REQUEST_FILE");
            System.exit(USAGE);
        }
        RunRequest request;
        try {
            request = RunRequest.read(Path.of(args[0]));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("cannot read the run request " + args[0] + ": " + e.getMessage());
            System.exit(USAGE);
            return;
        }
        RecordWriter records;
        try {
            records = RecordWriter.open(request.recordsFile());
        } catch (IOException e) {
            System.err.println("cannot write the test records to " + request.recordsFile() + ": " + e);
            System.exit(USAGE);
            return;
        }
        records.exitHook();
        // Checked before any launcher type is touched: this class must load without the launcher.
        if (!present(LAUNCHER)) {
            records.fatal("junit-platform-launcher is not on the test class path; add the"
                    + " org.junit.platform:junit-platform-launcher jar of the project's JUnit Platform version");
            System.exit(USAGE);
        }
        int exit;
        try {
            exit = LauncherRun.run(request, records);
        } catch (Throwable t) { // e.g. NoClassDefFoundError: a JUnit jar missing from the class path
            records.aborted(t);
            t.printStackTrace();
            exit = ABORTED;
        }
        System.exit(exit);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
