package io.dtf.ci.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests whose base classes and annotations come from a jar on the test class path, as from a test jar. */
class TestDiscoveryClasspathTest {
    @TempDir
    static Path dir;
    static Path library;
    static Path classes;

    @BeforeAll
    static void compile() throws IOException {
        Path libraryClasses = new CompiledFixtures()
                .add("lib.ContractTest", """
                        package lib;
                        @io.dtf.annotations.RequiresHardware("os == linux")
                        public abstract class ContractTest<T> {
                            @org.junit.jupiter.api.Test public void honoursContract() {}
                            @org.junit.jupiter.api.Test public void accepts(T value) {}
                        }""")
                .add("lib.Slow", """
                        package lib;
                        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                        @org.junit.jupiter.api.Test
                        public @interface Slow {}""")
                .add("lib.Gpu", """
                        package lib;
                        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                        @org.junit.jupiter.api.Tag("gpu")
                        public @interface Gpu {}""")
                .compileInto(dir.resolve("lib-classes"));
        library = jar(libraryClasses, dir.resolve("lib-tests.jar"));
        classes = new CompiledFixtures().withClasspath(library)
                .add("c.ListContractTest", """
                        package c;
                        @lib.Gpu
                        class ListContractTest extends lib.ContractTest<String> {
                            @lib.Slow void slowOne() {}
                            @org.junit.jupiter.api.Test @Override public void accepts(String value) {}
                        }""")
                .compileInto(dir.resolve("test-classes"));
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void inheritedTestsComposedAnnotationsAndRequirementsAreReadFromTheClassPath() {
        DiscoveredTests found = TestDiscovery.scan(classes, TestPatterns.defaults(), List.of(library));
        assertEquals(List.of(), found.problems());
        TestClass test = found.classes().get(0);
        assertEquals("c.ListContractTest", test.name());
        assertEquals(List.of("slowOne", "accepts(java.lang.String)", "honoursContract"), test.testMethods(),
                "the generic method is overridden, not run twice (javac's bridge method is no test)");
        assertEquals(List.of("gpu"), test.tags());
        assertEquals(List.of("os == linux"), test.requirements());
    }

    @Test
    void withoutTheClassPathOnlyWhatTheTestClassesShowIsFound() {
        TestClass test = TestDiscovery.scan(classes, TestPatterns.defaults()).classes().get(0);
        assertEquals(List.of("accepts(java.lang.String)"), test.testMethods());
    }

    @Test
    void aCorruptJarOnTheClassPathIsNamedAndTheRestStillRead() throws IOException {
        Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "not a zip");
        DiscoveredTests found = TestDiscovery.scan(classes, TestPatterns.defaults(), List.of(corrupt, library));
        assertEquals(1, found.problems().size(), found.problems().toString());
        assertTrue(found.problems().get(0).startsWith("the test class path entry " + corrupt + " is no readable jar"),
                found.problems().get(0));
        assertEquals(3, found.classes().get(0).testMethods().size());
    }

    @Test
    void aCorruptClassInAJarIsNamedWithItsJar() throws IOException {
        Path jar = dir.resolve("broken-lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("lib/ContractTest.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 99});
            out.closeEntry();
        }
        DiscoveredTests found = TestDiscovery.scan(classes, TestPatterns.defaults(), List.of(jar, library));
        assertTrue(found.problems().stream().anyMatch(p -> p.startsWith(jar + "!/lib/ContractTest.class is truncated")),
                found.problems().toString());
        assertEquals(List.of("slowOne", "accepts(java.lang.String)"), found.classes().get(0).testMethods(),
                "the first base class on the path wins, as in the JVM; unreadable, it counts as absent");
    }
}
