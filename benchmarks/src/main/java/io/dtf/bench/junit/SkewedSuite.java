package io.dtf.bench.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A generated Maven project of JUnit 5 test classes whose durations are known, written for the
 * test-distribution benchmarks: each class has three tests that sleep, together, its duration. Sleeping
 * (not spinning) keeps the figures about scheduling: on a 2-core machine four workers that spin
 * would measure the CPU, not the plan.
 *
 * <pre>{@code
 * SkewedSuite suite = SkewedSuite.write(Path.of("target/suite"), 200, SkewedSuite.skewed(new Random(1)));
 * long work = suite.totalMillis();   // what one sequential run sleeps
 * }</pre>
 *
 * @param dir     the project's base directory (its pom.xml, src/test/java)
 * @param classes the generated classes, in name order
 */
public record SkewedSuite(Path dir, List<GeneratedClass> classes) {
    static final String PACKAGE = "bench.generated";
    static final int TESTS_PER_CLASS = 3;

    /** One generated test class: its binary name and what its three tests sleep together. */
    public record GeneratedClass(String name, long millis) {
    }

    public SkewedSuite {
        classes = List.copyOf(classes);
    }

    /** The durations of a real suite: most classes short, a fifth of them seconds, one in twenty 4 to 8 s. */
    public static LongSupplier skewed(Random random) {
        return () -> {
            double p = random.nextDouble();
            if (p < 0.05) {
                return 4_000 + random.nextInt(4_001);
            }
            if (p < 0.25) {
                return 1_000 + random.nextInt(1_501);
            }
            return 100 + random.nextInt(501);
        };
    }

    /** Classes whose tests do nothing: what is left is the runner's own cost. */
    public static LongSupplier instant() {
        return () -> 0;
    }

    /** Writes the project into {@code dir} (emptied first): a pom and {@code count} test classes. */
    public static SkewedSuite write(Path dir, int count, LongSupplier durations) throws IOException {
        BenchFiles.deleteTree(dir);
        Path sources = Files.createDirectories(dir.resolve("src/test/java/" + PACKAGE.replace('.', '/')));
        Files.writeString(dir.resolve("pom.xml"), pom());
        List<GeneratedClass> classes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String simple = String.format(Locale.ROOT, "Generated%03dTest", i);
            long millis = durations.getAsLong();
            Files.writeString(sources.resolve(simple + ".java"), testClass(simple, millis));
            classes.add(new GeneratedClass(PACKAGE + "." + simple, millis));
        }
        return new SkewedSuite(dir, classes);
    }

    /** Rewrites one class with another duration: a changed project, for the artifact benchmark. */
    public void change(int index, long millis) throws IOException {
        String simple = classes.get(index).name().substring(PACKAGE.length() + 1);
        Files.writeString(dir.resolve("src/test/java/" + PACKAGE.replace('.', '/') + "/" + simple + ".java"),
                testClass(simple, millis));
    }

    /** What one sequential run sleeps: the work to share out. */
    public long totalMillis() {
        return classes.stream().mapToLong(GeneratedClass::millis).sum();
    }

    /** The number of test cases. */
    public int tests() {
        return classes.size() * TESTS_PER_CLASS;
    }

    private static String testClass(String simple, long millis) {
        long part = millis / TESTS_PER_CLASS;
        long first = millis - part * (TESTS_PER_CLASS - 1);
        StringBuilder java = new StringBuilder("package " + PACKAGE + ";\n\nimport org.junit.jupiter.api.Test;\n\n")
                .append("/** Generated: sleeps ").append(millis).append(" ms in all. */\n")
                .append("class ").append(simple).append(" {\n");
        for (int t = 1; t <= TESTS_PER_CLASS; t++) {
            java.append("    @Test\n    void part").append(t).append("() throws InterruptedException {\n")
                    .append("        Thread.sleep(").append(t == 1 ? first : part).append(");\n    }\n");
        }
        return java.append("}\n").toString();
    }

    private static String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.dtf.bench</groupId>
                  <artifactId>skewed-suite</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.junit</groupId>
                        <artifactId>junit-bom</artifactId>
                        <version>5.14.4</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.platform</groupId>
                      <artifactId>junit-platform-launcher</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                        <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                        <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                        <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
                      </plugins>
                    </pluginManagement>
                  </build>
                </project>
                """;
    }
}
