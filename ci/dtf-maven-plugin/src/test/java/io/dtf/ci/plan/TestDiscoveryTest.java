package io.dtf.ci.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDiscoveryTest {
    @TempDir
    static Path dir;
    static Path classes;

    @BeforeAll
    static void compile() throws IOException {
        classes = new CompiledFixtures()
                .add("a.ParserTest", """
                        package a;
                        import org.junit.jupiter.api.Test;
                        class ParserTest {
                            @Test void parses() {}
                            @Test void rejects() {}
                            void helper() {}
                        }""")
                .add("a.LegacyTest", """
                        package a;
                        public class LegacyTest {
                            @org.junit.Test public void works() {}
                        }""")
                .add("a.OldStyleTest", """
                        package a;
                        public class OldStyleTest extends junit.framework.TestCase {
                            public void testSomething() {}
                            public void notATest() {}
                        }""")
                .add("a.TestHelper", """
                        package a;
                        public class TestHelper { public static void help() {} }""")
                .add("a.AbstractBaseTest", """
                        package a;
                        import org.junit.jupiter.api.Tag;
                        @Tag("base")
                        @io.dtf.annotations.RequiresHardware("os == linux")
                        public abstract class AbstractBaseTest {
                            @org.junit.jupiter.api.Test void inherited() {}
                            @org.junit.jupiter.api.Test void overridden() {}
                        }""")
                .add("a.SubTest", """
                        package a;
                        public class SubTest extends AbstractBaseTest {
                            @Override void overridden() {}
                        }""")
                .add("a.ValuesTests", """
                        package a;
                        import org.junit.jupiter.params.ParameterizedTest;
                        import org.junit.jupiter.params.provider.ValueSource;
                        class ValuesTests {
                            @ParameterizedTest @ValueSource(ints = {1, 2}) void values(int n) {}
                            @org.junit.jupiter.api.RepeatedTest(3) void repeated() {}
                            @org.junit.jupiter.api.TestFactory java.util.List<org.junit.jupiter.api.DynamicTest> dynamic() { return java.util.List.of(); }
                            @org.junit.jupiter.api.Test static void staticIsNoTest() {}
                        }""")
                .add("a.OuterTest", """
                        package a;
                        import org.junit.jupiter.api.Nested;
                        import org.junit.jupiter.api.Test;
                        class OuterTest {
                            @Nested class Inner {
                                @Test void deep() {}
                                @Nested class Deeper { @Test @io.dtf.annotations.RequiresHardware("has gpu.model") void deepest() {} }
                            }
                            class NotNested { @Test void ignored() {} }
                        }""")
                .add("a.Fast", """
                        package a;
                        import java.lang.annotation.*;
                        @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
                        @org.junit.jupiter.api.Test
                        public @interface Fast {}""")
                .add("a.Quick", """
                        package a;
                        import java.lang.annotation.*;
                        @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE)
                        @org.junit.jupiter.api.Tag("quick")
                        public @interface Quick {}""")
                .add("a.ComposedTestCase", """
                        package a;
                        @Quick
                        class ComposedTestCase { @Fast void composed() {} }""")
                .add("a.GpuTest", """
                        package a;
                        import io.dtf.annotations.RequiresHardware;
                        import org.junit.jupiter.api.*;
                        @Tag("gpu")
                        @Tags({@Tag("slow"), @Tag("nightly")})
                        @RequiresHardware({"gpu.count >= 1", "tag cuda"})
                        class GpuTest {
                            @Test void kernel() {}
                            @Test @RequiresHardware("memory >= 64GiB") void bigKernel() {}
                            @Test @RequiresHardware("tag cuda") void sameAsClass() {}
                            @BeforeEach @RequiresHardware("os == linux") void setUp() {}
                        }""")
                .add("a.RunnerTest", """
                        package a;
                        @org.junit.runner.RunWith(org.junit.runners.JUnit4.class)
                        public class RunnerTest {}""")
                .add("a.Widget", """
                        package a;
                        class Widget { @org.junit.jupiter.api.Test void notIncluded() {} }""")
                .compileInto(dir.resolve("test-classes"));
    }

    private static Map<String, TestClass> found(TestPatterns patterns) {
        DiscoveredTests found = TestDiscovery.scan(classes, patterns);
        assertEquals(List.of(), found.problems());
        return found.classes().stream().collect(Collectors.toMap(TestClass::name, Function.identity()));
    }

    @Test
    void findsTheTestClassesSurefireWouldRunByItsDefaults() {
        assertEquals(List.of("a.ComposedTestCase", "a.GpuTest", "a.LegacyTest", "a.OldStyleTest", "a.OuterTest",
                "a.ParserTest", "a.RunnerTest", "a.SubTest", "a.ValuesTests"),
                found(TestPatterns.defaults()).keySet().stream().sorted().toList());
    }

    @Test
    void readsTestMethodsOwnAndInheritedAsMethodSelectorsNameThem() {
        Map<String, TestClass> found = found(TestPatterns.defaults());
        assertEquals(List.of("parses", "rejects"), found.get("a.ParserTest").testMethods());
        assertEquals(List.of("works"), found.get("a.LegacyTest").testMethods());
        assertEquals(List.of("testSomething"), found.get("a.OldStyleTest").testMethods());
        assertEquals(List.of("inherited"), found.get("a.SubTest").testMethods(), "an override without @Test is no test");
        assertEquals(List.of("values(int)", "repeated", "dynamic"), found.get("a.ValuesTests").testMethods());
        assertEquals(List.of("composed"), found.get("a.ComposedTestCase").testMethods());
        assertTrue(found.get("a.RunnerTest").wholeClass());
    }

    @Test
    void nestedClassesBelongToTheirOuterClass() {
        TestClass outer = found(TestPatterns.defaults()).get("a.OuterTest");
        assertEquals(List.of(), outer.testMethods());
        assertEquals(List.of("a.OuterTest$Inner", "a.OuterTest$Inner$Deeper"), outer.nestedClasses());
        assertEquals(List.of("has gpu.model"), outer.requirements(), "a nested class's requirements apply to the class");
        long files = Arrays.stream(classes.resolve("a").toFile().listFiles())
                .filter(f -> f.getName().startsWith("OuterTest")).mapToLong(File::length).sum();
        assertEquals(files, outer.classFileBytes());
    }

    @Test
    void readsTagsAndRequirementsOfClassSupertypesAndMethods() {
        Map<String, TestClass> found = found(TestPatterns.defaults());
        TestClass gpu = found.get("a.GpuTest");
        assertEquals(List.of("gpu", "slow", "nightly"), gpu.tags());
        assertEquals(List.of("gpu.count >= 1", "tag cuda", "os == linux"), gpu.requirements(),
                "a lifecycle method's requirements apply to the whole class");
        assertEquals(Map.of("bigKernel", List.of("memory >= 64GiB")), gpu.methodRequirements());

        TestClass sub = found.get("a.SubTest");
        assertEquals(List.of("base"), sub.tags());
        assertEquals(List.of("os == linux"), sub.requirements());
        assertEquals(List.of("quick"), found.get("a.ComposedTestCase").tags());
    }

    @Test
    void honoursConfiguredIncludesAndExcludesIncludingRegularExpressions() {
        assertEquals(List.of("a.ParserTest"),
                List.copyOf(found(TestPatterns.of(List.of("%regex[.*Pars.*]"), null)).keySet()));
        assertEquals(List.of("a.Widget"), List.copyOf(found(TestPatterns.of(List.of("**/Widget.java"), null)).keySet()));
        assertFalse(found(TestPatterns.of(null, List.of("**/*$*", "**/Gpu*"))).containsKey("a.GpuTest"));
    }

    @Test
    void aMethodFilterNarrowsTheClassToThoseMethods() {
        TestClass parser = found(TestFilter.parse("ParserTest#pars*").over(TestPatterns.defaults())).get("a.ParserTest");
        assertFalse(parser.wholeClass());
        assertEquals(List.of("parses"), parser.testMethods());
        Map<String, TestClass> others = found(TestFilter.parse("ParserTest#nothing*,Legacy*").over(TestPatterns.defaults()));
        assertEquals(List.of("a.LegacyTest"), List.copyOf(others.keySet()), "a class none of whose methods match is left out");
    }

    @Test
    void aRequirementThatCannotBeReadFailsNamingClassAnnotationAndError() throws IOException {
        Path bad = new CompiledFixtures().add("b.BadTest", """
                package b;
                class BadTest {
                    @org.junit.jupiter.api.Test
                    @io.dtf.annotations.RequiresHardware("gpu.cont >= 1") void kernel() {}
                }""").compileInto(dir.resolve("bad-classes"));
        InvalidRequirementException e = assertThrows(InvalidRequirementException.class,
                () -> TestDiscovery.scan(bad, TestPatterns.defaults()));
        assertTrue(e.getMessage().startsWith("b.BadTest: @RequiresHardware on method kernel: 'gpu.cont >= 1': unknown attribute"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNoClassFileOrIsCutShortIsNamedAndTheOthersAreStillFound() throws IOException {
        Path hostile = dir.resolve("hostile");
        Files.createDirectories(hostile.resolve("a"));
        Files.copy(classes.resolve("a/ParserTest.class"), hostile.resolve("a/ParserTest.class"));
        Files.writeString(hostile.resolve("a/NotesTest.class"), "these are notes, not a class");
        byte[] whole = Files.readAllBytes(classes.resolve("a/LegacyTest.class"));
        Files.write(hostile.resolve("a/LegacyTest.class"), Arrays.copyOf(whole, whole.length / 2));
        Files.write(hostile.resolve("a/EmptyTest.class"), new byte[0]);
        byte[] future = Files.readAllBytes(classes.resolve("a/ParserTest.class"));
        future[6] = 0;
        future[7] = (byte) 200;
        Files.write(hostile.resolve("a/FutureTest.class"), future);

        DiscoveredTests found = TestDiscovery.scan(hostile, TestPatterns.defaults());

        assertEquals(List.of("a.ParserTest"), found.classes().stream().map(TestClass::name).toList());
        assertEquals(4, found.problems().size(), found.problems().toString());
        assertTrue(found.problems().stream().anyMatch(p -> p.startsWith(hostile.resolve("a/NotesTest.class") + " is not a class file")),
                found.problems().toString());
        assertTrue(found.problems().stream().anyMatch(p -> p.startsWith(hostile.resolve("a/LegacyTest.class") + " is truncated")),
                found.problems().toString());
        assertTrue(found.problems().stream().anyMatch(p -> p.startsWith(hostile.resolve("a/EmptyTest.class") + " is not a class file")),
                found.problems().toString());
        assertTrue(found.problems().contains(hostile.resolve("a/FutureTest.class") + " has class file version 200, newer than "
                + "this plugin reads; use a newer plugin version or compile the tests for an older Java"), found.problems().toString());
    }

    @Test
    void aMissingDirectoryHoldsNoTests() {
        DiscoveredTests found = TestDiscovery.scan(dir.resolve("never-compiled"), TestPatterns.defaults());
        assertEquals(List.of(), found.classes());
    }
}
