package io.dtf.ci.plan;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Test classes compiled at test time into a directory, as a project's {@code target/test-classes}:
 * real class files from javac, against JUnit 4 and 5 and DTF's annotations.
 *
 * <pre>{@code
 * Path classes = new CompiledFixtures().add("a.ParserTest", "package a; class ParserTest { ... }").compileInto(dir);
 * }</pre>
 */
final class CompiledFixtures {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extraClasspath = new ArrayList<>();

    /** Adds a source file for a top-level class, e.g. {@code a.ParserTest}. */
    CompiledFixtures add(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Compiles against these too (a library of base classes). */
    CompiledFixtures withClasspath(Path... entries) {
        for (Path entry : entries) {
            extraClasspath.add(entry.toString());
        }
        return this;
    }

    /** Compiles every source into {@code classes} and returns it; fails with javac's messages. */
    Path compileInto(Path classes) throws IOException {
        Path src = Files.createTempDirectory("dtf-fixture-src");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file.toString());
        }
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classpath(), "-proc:none",
                "-nowarn", "-Xlint:none"));
        args.addAll(files);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int exit = javac.run(null, messages, messages, args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("fixtures did not compile:\n" + messages);
        }
        try (Stream<Path> walk = Files.walk(src)) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
        return classes;
    }

    /** The jars of the annotations fixtures use, found from the classes themselves (Surefire may hide the class path in a manifest). */
    private String classpath() {
        List<String> entries = new ArrayList<>(extraClasspath);
        for (Class<?> c : List.of(org.junit.jupiter.api.Test.class, org.junit.jupiter.params.ParameterizedTest.class,
                org.junit.Test.class, io.dtf.annotations.RequiresHardware.class, org.apiguardian.api.API.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
