package io.dtf.ci.run;

import static io.dtf.ci.run.Results.result;
import static io.dtf.ci.run.Results.test;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.report.TestOutcome;
import io.dtf.ci.ship.Shipment;
import io.dtf.ci.surefire.SurefireSettings;
import io.dtf.model.ArtifactRef;
import io.dtf.model.JunitAction;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TestStatus;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class TestRunTest {
    private static final ArtifactRef JAR = new ArtifactRef("a".repeat(64), "junit-jupiter-api-5.11.4.jar", 10,
            ArtifactRef.Kind.FILE);
    private static final SurefireSettings SETTINGS = new SurefireSettings(null, null, "fast", "slow",
            Map.of("k", "v"), Map.of("TZ", "UTC"), List.of("-Xmx256m"));
    private static final JunitTasks TASKS = new JunitTasks(new Shipment(List.of(JAR), null, List.of()), SETTINGS,
            List.of("os == linux"), Duration.ofMinutes(5));
    private static final List<TestBatch> BATCHES = List.of(
            new TestBatch(List.of("class:a.ParserTest"), List.of("tag gpu"), Duration.ZERO),
            new TestBatch(List.of("class:a.LexerTest"), List.of(), Duration.ZERO));

    @Test
    void aFailedTestIsRerunAloneOnTheSameHardwareAndCountsAsFlakyWhenItPasses() throws Exception {
        AtomicInteger parserRuns = new AtomicInteger();
        ScriptedGrid grid = new ScriptedGrid(task -> {
            JunitAction action = (JunitAction) task.action();
            if (action.selectors().get(0).contains("ParserTest")) {
                TestStatus status = parserRuns.incrementAndGet() == 1 ? TestStatus.FAILED : TestStatus.PASSED;
                return result(task.id(), status == TestStatus.PASSED ? TaskState.PASSED : TaskState.FAILED, "n1",
                        test("a.ParserTest", "parses", status));
            }
            return result(task.id(), TaskState.PASSED, "n2", test("a.LexerTest", "lexes", TestStatus.PASSED));
        });
        List<TestOutcome> outcomes = new TestRun(grid, TASKS, new SystemStreamLog(), 1, Duration.ofMinutes(1), "p-tests")
                .run(BATCHES);

        assertEquals(2, grid.submitted.size());
        TaskSpec rerun = grid.submitted.get(1).tasks().get(0);
        assertEquals("rerun1-0001", rerun.id());
        JunitAction action = (JunitAction) rerun.action();
        assertEquals(List.of("uid:[engine:junit-jupiter]/[class:a.ParserTest]/[method:parses()]"), action.selectors());
        assertEquals(List.of(Requirement.parse("os == linux"), Requirement.parse("tag gpu")), rerun.requirements());
        assertEquals(List.of(JAR), action.classpath());
        assertEquals(List.of("fast"), action.includeTags());
        assertEquals(List.of("-Xmx256m"), action.jvmArgs());
        assertEquals(Map.of("TZ", "UTC"), action.env());
        assertEquals(0, rerun.retries());
        assertEquals(List.of(TestStatus.FLAKY, TestStatus.PASSED), outcomes.stream().map(o -> o.last().status()).toList());
    }

    @Test
    void withoutRetriesAFailedTestIsNotRerun() throws Exception {
        ScriptedGrid grid = new ScriptedGrid(task -> result(task.id(), TaskState.FAILED, "n1",
                test("a.ParserTest", "parses", TestStatus.FAILED)));
        List<TestOutcome> outcomes = new TestRun(grid, TASKS, new SystemStreamLog(), 0, Duration.ofMinutes(1), "p")
                .run(BATCHES.subList(0, 1));
        assertEquals(1, grid.submitted.size());
        assertEquals(TestStatus.FAILED, outcomes.get(0).last().status());
        assertEquals(new TestTotals(1, 1, 0, 0, 0), TestTotals.of(outcomes));
    }
}
