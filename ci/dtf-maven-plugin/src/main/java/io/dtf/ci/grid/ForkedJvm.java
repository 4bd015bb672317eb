package io.dtf.ci.grid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the plugin starts a JVM of DTF's own (the client bridge, the embedded grid's node): the Java that
 * runs Maven, DTF's Java 17 flags (the {@code config/jvm.args} that grid-node ships as a resource), and
 * the plugin's own jars as the class path, all in an argument file (class paths of a hundred jars are
 * too long for some systems' command lines).
 *
 * @param java      the {@code java} executable
 * @param classpath the plugin's jars: DTF's client, grid-node and their dependencies
 * @param workDir   where argument files and logs go (under target/)
 */
public record ForkedJvm(Path java, List<Path> classpath, Path workDir) {
    /** Where grid-node keeps the copies of config/: jvm.args and the one-machine Spring configs. */
    static final String CONFIG_RESOURCES = "/io/dtf/config/";

    public ForkedJvm {
        classpath = List.copyOf(classpath);
    }

    /** The Java running Maven, which must be 17 or newer for DTF. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
    }

    /** DTF's JVM flags, one per line of jvm.args; blank lines and {@code #} comments skipped. */
    static List<String> dtfFlags() {
        return resourceText("jvm.args").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /** The text of a file grid-node ships from config/. */
    static String resourceText(String name) {
        try (InputStream in = ForkedJvm.class.getResourceAsStream(CONFIG_RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("grid-node's " + name + " is not on the plugin's class path ("
                        + CONFIG_RESOURCES + name + "): the plugin's grid-node dependency is missing or too old");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The command line of {@code mainClass} with {@code args}: {@code java @FILE mainClass args}, FILE
     * ({@code workDir/NAME.args}) holding the flags, {@code extraJvmArgs} and the class path.
     */
    public List<String> command(String name, List<String> extraJvmArgs, String mainClass, List<String> args) {
        List<String> jvm = new ArrayList<>(dtfFlags());
        jvm.addAll(extraJvmArgs);
        jvm.add("-cp");
        jvm.add(classpath.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(System.getProperty("path.separator"))));
        Path file = workDir.resolve(name + ".args");
        try {
            Files.createDirectories(workDir);
            Files.write(file, jvm.stream().map(ForkedJvm::quoted).toList(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        List<String> command = new ArrayList<>(List.of(java.toString(), "@" + file.toAbsolutePath(), mainClass));
        command.addAll(args);
        return command;
    }

    /** An argument as a java argument file wants it: quoted, with backslashes and quotes escaped. */
    static String quoted(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
