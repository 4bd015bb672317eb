package io.dtf.ci.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RerunsTest {
    private static final List<TestClass> CLASSES = List.of(new TestClass("a.KernelTest", List.of(), List.of("tag cuda"),
            Map.of("big(int)", List.of("memory >= 64GiB")), 100, List.of("small", "big(int)"), List.of("a.KernelTest$Inner"), true));

    private static TestCase failed(String className, String method, String uniqueId) {
        return new TestCase(className, method, method, uniqueId, TestStatus.FAILED, 1234, "java.lang.AssertionError",
                "boom", "", "", "");
    }

    @Test
    void aFailedTestRunsAgainAloneByItsUniqueIdWithItsMethodsRequirements() {
        String uid = "[engine:junit-jupiter]/[class:a.KernelTest]/[test-template:big(int)]/[test-template-invocation:#2]";
        TestBatch again = Reruns.rerunOf(failed("a.KernelTest", "big", uid), CLASSES);
        assertEquals(new TestBatch(List.of("uid:" + uid), List.of("memory >= 64GiB", "tag cuda"), Duration.ofMillis(1234)), again);
    }

    @Test
    void withoutAUniqueIdTheMethodOrTheClassIsSelected() {
        assertEquals(List.of("method:a.KernelTest#small"), Reruns.rerunOf(failed("a.KernelTest", "small", null), CLASSES).selectors());
        assertEquals(List.of("class:a.KernelTest"), Reruns.rerunOf(failed("a.KernelTest", null, " "), CLASSES).selectors());
    }

    @Test
    void aTestOfANestedClassKeepsItsOuterClassRequirements() {
        TestBatch again = Reruns.rerunOf(failed("a.KernelTest$Inner", "deep", "[engine:junit-jupiter]/[class:a.KernelTest]"
                + "/[nested-class:Inner]/[method:deep()]"), CLASSES);
        assertEquals(List.of("tag cuda"), again.requirements());
        assertEquals(List.of(), Reruns.rerunOf(failed("b.Unknown", "x", null), CLASSES).requirements());
    }
}
