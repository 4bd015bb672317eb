package io.dtf.worker.jvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Test classes and benchmarks compiled from sources under {@code src/test/resources/fixtures}; the jars they need. */
final class Fixtures {
    private Fixtures() {
    }

    /** The jar of this test's own class path whose file name starts with {@code prefix} (e.g. {@code jmh-core-}). */
    static Path jar(String prefix) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar on the class path"));
    }

    /** The jars of JUnit Jupiter and its platform, launcher included. */
    static List<Path> junitJars() {
        return Stream.of("junit-jupiter-api-", "junit-jupiter-engine-", "junit-jupiter-params-",
                "junit-platform-engine-", "junit-platform-commons-", "junit-platform-launcher-", "opentest4j-",
                "apiguardian-api-").map(Fixtures::jar).toList();
    }

    /** The jars JMH's runner needs. */
    static List<Path> jmhJars() {
        return Stream.of("jmh-core-", "jopt-simple-", "commons-math3-").map(Fixtures::jar).toList();
    }

    /**
     * Compiles the sources under {@code fixtures/NAME} into {@code into}, against {@code classPath}
     * (with {@code processorPath} for annotation processors, none if empty).
     */
    static Path compile(String name, Path into, List<Path> classPath, List<Path> processorPath) throws IOException {
        Path sources;
        try {
            sources = Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        Files.createDirectories(into);
        List<String> args = new ArrayList<>(List.of("-d", into.toString(), "-cp", join(classPath), "-nowarn"));
        if (processorPath.isEmpty()) {
            args.add("-proc:none");
        } else {
            args.addAll(List.of("-processorpath", join(processorPath)));
        }
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = javac.run(null, errors, errors, args.toArray(new String[0]));
        assertTrue(exit == 0, "fixtures " + name + " do not compile: " + errors);
        return into;
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
