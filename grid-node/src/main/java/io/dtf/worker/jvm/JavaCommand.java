package io.dtf.worker.jvm;

import io.dtf.model.FailureCategory;
import io.dtf.worker.command.PreparedAttempt.Refusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line of a forked JVM: the worker's own {@code java} (its {@code java.home}, the name
 * {@code java} on an allow-list), the class path in an argument file (a task's class path may be longer
 * than one argument may be), the task's JVM arguments and {@code -D} properties, a main class and its
 * arguments.
 *
 * <pre>{@code
 * List<String> argv = JavaCommand.argv(dir, classPath, List.of("-Xmx512m"), Map.of("env", "ci"),
 *         "org.openjdk.jmh.Main", List.of(".*Parse.*", "-f", "1"));
 * // [/usr/lib/jvm/17/bin/java, @dir/classpath.args, -Xmx512m, -Denv=ci, org.openjdk.jmh.Main, .*Parse.*, -f, 1]
 * }</pre>
 */
final class JavaCommand {
    /** The allow-list name of the program a JVM task starts. */
    static final String PROGRAM = "java";

    private JavaCommand() {
    }

    /** The {@code java} of the JVM this worker runs on. */
    static Path java() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    static List<String> argv(Path dir, List<Path> classPath, List<String> jvmArgs, Map<String, String> properties,
                             String mainClass, List<String> args) throws Refusal {
        List<String> argv = new ArrayList<>();
        argv.add(java().toString());
        argv.add("@" + classPathFile(dir, classPath));
        argv.addAll(jvmArgs);
        new TreeMap<>(properties).forEach((name, value) -> argv.add("-D" + name + "=" + value));
        argv.add(mainClass);
        argv.addAll(args);
        return argv;
    }

    /** Writes {@code -cp "..."} to a file {@code java} reads its arguments from (quoted as the launcher reads it). */
    private static Path classPathFile(Path dir, List<Path> classPath) throws Refusal {
        StringBuilder joined = new StringBuilder();
        for (Path entry : classPath) {
            if (!joined.isEmpty()) {
                joined.append(java.io.File.pathSeparatorChar);
            }
            joined.append(entry.toAbsolutePath());
        }
        String quoted = joined.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        Path file = dir.resolve("classpath.args");
        try {
            Files.writeString(file, "-cp\n\"" + quoted + "\"\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Refusal(FailureCategory.INFRASTRUCTURE, "cannot write the class path file " + file + ": " + e);
        }
        return file;
    }
}
