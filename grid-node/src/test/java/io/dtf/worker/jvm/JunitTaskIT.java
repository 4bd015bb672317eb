package io.dtf.worker.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.ArtifactRef;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.JunitAction;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import io.dtf.worker.command.AttemptDirectories;
import io.dtf.worker.command.CommandPolicy;
import io.dtf.worker.command.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** junit tasks in real test JVMs: small test classes compiled here, run on the worker's own java. */
class JunitTaskIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path dir;
    private static final DirectoryArtifacts artifacts = new DirectoryArtifacts();
    private static final List<ArtifactRef> junit = new ArrayList<>();
    private static ArtifactRef tests;
    private static ArtifactRef helper;
    private static JunitTaskRunner runner;

    @BeforeAll
    static void compileFixtures() throws IOException {
        Path helperClasses = Fixtures.compile("junit-helper", dir.resolve("helper-classes"), List.of(), List.of());
        List<Path> classPath = new ArrayList<>(Fixtures.junitJars());
        classPath.add(helperClasses);
        Path testClasses = Fixtures.compile("junit", dir.resolve("test-classes"), classPath, List.of());
        Fixtures.junitJars().forEach(jar -> junit.add(artifacts.add(jar)));
        tests = artifacts.add(testClasses);
        helper = artifacts.add(helperClasses);
        runner = new JunitTaskRunner(new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES,
                AttemptDirectories.under(dir.resolve("attempts"), List.of()), CommandPolicy.ANY), artifacts);
    }

    @Test
    void eachTestGetsARecordAndAFailureFailsTheTask() {
        AttemptOutcome outcome = run(List.of("class:com.example.MixedTest"), List.of(), List.of(), TIMEOUT);

        assertEquals(TaskState.FAILED, outcome.status(), outcome.error());
        assertEquals(FailureCategory.TEST_FAILURE, outcome.category());
        assertTrue(outcome.error().startsWith("4 of 8 tests failed: "), outcome.error());
        TestCase passes = only(outcome, "passes");
        assertEquals(TestStatus.PASSED, passes.status());
        assertEquals("com.example.MixedTest", passes.className());
        assertTrue(passes.stdoutTail().contains("hello from passes, fixture=yes tmp=" + dir.resolve("attempts")),
                passes.stdoutTail());
        assertTrue(passes.stdoutTail().strip().endsWith("/.tmp"), "java.io.tmpdir is the attempt's");
        assertTrue(passes.stderrTail().contains("warning from passes"), passes.stderrTail());
        assertTrue(passes.uniqueId().contains("[method:passes()]"), passes.uniqueId());
        TestCase fails = only(outcome, "fails");
        assertEquals(TestStatus.FAILED, fails.status());
        assertEquals("org.opentest4j.AssertionFailedError", fails.failureType());
        assertTrue(fails.message().contains("arithmetic"), fails.message());
        TestCase error = only(outcome, "throwsError");
        assertEquals(TestStatus.ERROR, error.status());
        assertEquals("java.lang.IllegalStateException", error.failureType());
        assertTrue(error.stackTrace().contains("MixedTest.throwsError"), error.stackTrace());
        assertEquals("not today", only(outcome, "disabled").message());
        assertEquals(TestStatus.SKIPPED, only(outcome, "disabled").status());
        assertEquals(TestStatus.SKIPPED, only(outcome, "assumes").status());
        List<TestCase> even = outcome.tests().stream().filter(t -> "even".equals(t.method())).toList();
        assertEquals(List.of(TestStatus.FAILED, TestStatus.PASSED, TestStatus.FAILED),
                even.stream().map(TestCase::status).toList());
        assertTrue(even.get(0).displayName().startsWith("[1]"), even.get(0).displayName());
        assertEquals(Map.of("tests", 8.0, "tests.failed", 3.0, "tests.errors", 1.0, "tests.skipped", 2.0),
                totals(outcome));
        assertTrue(outcome.stdoutTail().contains("hello from passes"), "the JVM's own stdout keeps everything");
    }

    @Test
    void methodSelectorsAndTagExpressionsChooseTheTests() {
        AttemptOutcome outcome = run(List.of("method:com.example.MixedTest#passes",
                "method:com.example.MixedTest#even(int)"), List.of(), List.of("slow"), TIMEOUT);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        assertEquals(List.of("passes"), outcome.tests().stream().map(TestCase::method).toList());
    }

    @Test
    void aTagExpressionJunitCannotParseIsABadDefinition() {
        AttemptOutcome outcome = run(List.of("class:com.example.MixedTest"), List.of(), List.of("fast & ("), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status(), outcome.error());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().startsWith("the test JVM cannot run the tests: a tag expression is not valid: "),
                outcome.error());
        assertTrue(outcome.error().contains("fast & ("), outcome.error());
    }

    @Test
    void aSelectorOfAClassNotOnTheClassPathIsNamedAndTheOthersStillRun() {
        // NeedsHelperTest is there, but the class directory it needs is not on the task's class path.
        AttemptOutcome outcome = run(List.of("class:com.example.Missing", "method:com.example.MixedTest#passes",
                "class:com.example.NeedsHelperTest"), List.of(), List.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status(), outcome.error());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().contains("selector class:com.example.Missing: class com.example.Missing is not on"
                + " the test class path"), outcome.error());
        assertTrue(outcome.error().contains("selector class:com.example.NeedsHelperTest: class"
                + " com.example.NeedsHelperTest needs a class that is not on the test class path"), outcome.error());
        assertEquals(TestStatus.PASSED, only(outcome, "passes").status());
        TestCase missing = outcome.tests().stream().filter(t -> t.className().equals("com.example.Missing"))
                .findFirst().orElseThrow();
        assertEquals(TestStatus.ERROR, missing.status());
        assertEquals("java.lang.ClassNotFoundException", missing.failureType());
    }

    @Test
    void aJarTheGridDoesNotHoldIsNamed() {
        ArtifactRef absent = DirectoryArtifacts.ref(Fixtures.jar("jmh-core-"));
        List<ArtifactRef> classPath = new ArrayList<>(junit);
        classPath.add(absent);
        classPath.add(tests);
        AttemptOutcome outcome = runner.run(new JunitAction(classPath, List.of("class:com.example.MixedTest"),
                null, null, null, null, null, null), "absent-jar", TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().startsWith("classpath[8] " + absent.name() + " (sha256 " + absent.sha256()
                + "): artifact " + absent.name()), outcome.error());
    }

    @Test
    void aTestCallingSystemExitIsAnErrorAndTheTestsBeforeItAreKept() {
        AttemptOutcome outcome = run(List.of("class:com.example.ExitTest"), List.of(), List.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status(), outcome.error());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().startsWith("System.exit(3) was called: the test JVM exited while running"
                + " com.example.ExitTest#b_exits; the tests after it did not run"), outcome.error());
        assertEquals(List.of("a_passes", "b_exits"), outcome.tests().stream().map(TestCase::method).toList());
        assertEquals(TestStatus.PASSED, only(outcome, "a_passes").status());
        assertEquals(TestStatus.ERROR, only(outcome, "b_exits").status());
        assertEquals("System.exit", only(outcome, "b_exits").failureType());
    }

    @Test
    void aHangingTestIsKilledAtTheTimeoutAndTheFinishedOnesAreKept() {
        AttemptOutcome outcome = run(List.of("class:com.example.HangTest"), List.of(), List.of(),
                Duration.ofSeconds(5));

        assertEquals(TaskState.TIMED_OUT, outcome.status(), outcome.error());
        assertTrue(outcome.error().contains("running: com.example.HangTest#b_hangs"), outcome.error());
        assertEquals(TestStatus.PASSED, only(outcome, "a_passes").status());
        TestCase hung = only(outcome, "b_hangs");
        assertEquals(TestStatus.ERROR, hung.status());
        assertTrue(hung.message().startsWith("the task's timeout of 5000 ms passed while this test ran"),
                hung.message());
    }

    @Test
    void aTestJvmOutOfMemoryIsAnErrorNamingTheTest() {
        AttemptOutcome outcome = run(List.of("class:com.example.MemoryTest"), List.of("-Xmx32m"), List.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status(), outcome.error());
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, outcome.category(), outcome.error());
        assertTrue(outcome.error().contains("java.lang.OutOfMemoryError"), outcome.error());
        assertTrue(outcome.error().contains("com.example.MemoryTest#b_fillsTheHeap"), outcome.error());
        assertEquals(TestStatus.PASSED, only(outcome, "a_passes").status());
        assertEquals("java.lang.OutOfMemoryError", only(outcome, "b_fillsTheHeap").failureType());
    }

    @Test
    void testsRunInACopyOfTheWorkdirTree() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project/src/test/resources")).getParent().getParent()
                .getParent();
        Files.writeString(project.resolve("src/test/resources/greeting.txt"), "hello\n");
        List<ArtifactRef> classPath = new ArrayList<>(junit);
        classPath.add(tests);

        AttemptOutcome outcome = runner.run(new JunitAction(classPath, List.of("class:com.example.WorkdirTest"), null,
                null, null, null, null, artifacts.add(project)), "workdir", TIMEOUT);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error() + outcome.tests());
        assertFalse(Files.exists(project.resolve("target")), "the worker's copy of the tree is left as it was");
    }

    @Test
    void aClassPathWithoutTheLauncherOrAnotherJunitJarIsABadDefinitionNamingIt() {
        AttemptOutcome noLauncher = runWithout("junit-platform-launcher-");
        AttemptOutcome noCommons = runWithout("junit-platform-commons-");

        assertEquals(FailureCategory.BAD_DEFINITION, noLauncher.category(), noLauncher.error());
        assertTrue(noLauncher.error().startsWith("the test JVM cannot run the tests: junit-platform-launcher is not on"
                + " the test class path; add the org.junit.platform:junit-platform-launcher jar"), noLauncher.error());
        assertEquals(FailureCategory.BAD_DEFINITION, noCommons.category(), noCommons.error());
        assertTrue(noCommons.error().startsWith("the test JVM stopped: java.lang.NoClassDefFoundError:"
                + " org/junit/platform/commons/"), noCommons.error());
        assertTrue(noCommons.error().contains("(the class path lacks a class, or mixes versions of a library)"),
                noCommons.error());
    }

    private static AttemptOutcome runWithout(String jarPrefix) {
        List<ArtifactRef> classPath = new ArrayList<>(junit);
        classPath.removeIf(ref -> ref.name().startsWith(jarPrefix));
        classPath.add(tests);
        return runner.run(new JunitAction(classPath, List.of("class:com.example.MixedTest"), null, null, null, null,
                null, null), "without-" + jarPrefix, TIMEOUT);
    }

    @Test
    void aJvmThatCannotStartIsABadDefinitionNamingWhy() {
        AttemptOutcome outcome = run(List.of("class:com.example.MixedTest"), List.of("--no-such-option"), List.of(),
                TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status(), outcome.error());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().startsWith("the test JVM did not start the tests (exit code 1): Unrecognized option:"
                + " --no-such-option; check jvmArgs and the class path"), outcome.error());
        assertEquals(List.of(), outcome.tests());
    }

    private static AttemptOutcome run(List<String> selectors, List<String> jvmArgs, List<String> excludeTags,
                                      Duration timeout) {
        List<ArtifactRef> classPath = new ArrayList<>(junit);
        classPath.add(tests);
        return runner.run(new JunitAction(classPath, selectors, List.of(), excludeTags, jvmArgs,
                Map.of("dtf.fixture", "yes"), Map.of(), null), "junit-it", timeout);
    }

    private static TestCase only(AttemptOutcome outcome, String method) {
        List<TestCase> found = outcome.tests().stream().filter(t -> method.equals(t.method())).toList();
        assertEquals(1, found.size(), method + " in " + outcome.tests());
        return found.get(0);
    }

    private static Map<String, Double> totals(AttemptOutcome outcome) {
        return outcome.metrics().stream().filter(m -> m.name().startsWith("tests") && !m.name().endsWith("duration"))
                .collect(Collectors.toMap(Metric::name, m -> m.samples().get(0)));
    }
}
