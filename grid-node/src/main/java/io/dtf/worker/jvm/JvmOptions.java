package io.dtf.worker.jvm;

import io.dtf.model.FailureCategory;
import io.dtf.worker.command.AttemptDirectories;
import io.dtf.worker.command.PreparedAttempt.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks and places shared by the JVM task types. */
final class JvmOptions {
    /** The worker's files inside an attempt's directory (request, class path file, results). */
    static final String WORKER_DIRECTORY = ".dtf";

    private JvmOptions() {
    }

    static Path workerDirectory(Path attemptDir) throws Refusal {
        try {
            return Files.createDirectories(attemptDir.resolve(WORKER_DIRECTORY));
        } catch (IOException e) {
            throw new Refusal(FailureCategory.INFRASTRUCTURE, "cannot create " + WORKER_DIRECTORY + " in the attempt's"
                    + " directory " + attemptDir + ": " + e);
        }
    }

    /**
     * The JVM arguments of a task's JVM: {@code java.io.tmpdir} in the attempt's temporary directory
     * (the JVM does not read {@code TMPDIR}; nothing a test writes there outlives the attempt), then the
     * task's own, which may override it.
     */
    static List<String> jvmArgs(Path attemptDir, List<String> task) {
        List<String> args = new ArrayList<>();
        args.add("-Djava.io.tmpdir=" + attemptDir.resolve(AttemptDirectories.TEMPORARY));
        args.addAll(task);
        return args;
    }

    /** What is wrong with a task's {@code systemProperties}, or null. */
    static String invalidProperties(Map<String, String> properties) {
        for (Map.Entry<String, String> p : properties.entrySet()) {
            String name = p.getKey();
            if (name.isEmpty() || name.contains("=") || name.chars().anyMatch(c -> c <= 0x20)) {
                return "systemProperties has the name '" + name + "'; a property name is not empty and has no '=',"
                        + " blank or control character";
            }
            if (p.getValue() == null || p.getValue().indexOf('\0') >= 0) {
                return "systemProperties." + name + " has no value or a NUL character, which cannot be passed to a JVM";
            }
        }
        return null;
    }
}
