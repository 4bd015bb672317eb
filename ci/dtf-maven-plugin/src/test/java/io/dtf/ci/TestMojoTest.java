package io.dtf.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.ci.plan.TestClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class TestMojoTest {
    @Test
    void theGridComesFromTheParameterElseFromDtfGrid() {
        TestMojo mojo = new TestMojo();
        mojo.environment = Map.of("DTF_GRID", "ci:10800", "DTF_TOKEN", "t0k");
        assertEquals("ci:10800", mojo.gridAddresses());
        assertEquals("t0k", mojo.clientToken());
        mojo.grid = "a:10800,b:10800";
        mojo.token = "given";
        assertEquals("a:10800,b:10800", mojo.gridAddresses());
        assertEquals("given", mojo.clientToken());
    }

    @Test
    void withNoGridGivenTheGoalStartsAnEmbeddedOne() {
        TestMojo mojo = new TestMojo();
        mojo.environment = Map.of("DTF_GRID", "  ");
        assertNull(mojo.gridAddresses());
        assertNull(mojo.clientToken());
    }

    @Test
    void durationsAreWrittenAsInASuiteAndABadOneNamesItsParameter() throws Exception {
        assertEquals(Duration.ofSeconds(90), DtfMojo.duration("dtf.timeout", "1m30s"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> DtfMojo.duration("dtf.targetTaskDuration", "soon"));
        assertEquals("dtf.targetTaskDuration: 'soon' is not a duration; write e.g. 500ms, 30s, 10m, 1h30m, 2h",
                e.getMessage());
    }

    @Test
    void requirementsForEveryTaskDropBlanks() {
        TestMojo mojo = new TestMojo();
        assertEquals(List.of(), mojo.commonRequirements());
        mojo.requirements = List.of(" os == linux ", "", "tag gpu");
        assertEquals(List.of("os == linux", "tag gpu"), mojo.commonRequirements());
    }

    @Test
    void classesTaggedWithAnExcludedGroupAreNotSentButATagExpressionIsLeftToJunit() {
        TestClass gpu = new TestClass("a.GpuTest", List.of("gpu"), List.of(), null, 10);
        TestClass plain = new TestClass("a.PlainTest", List.of(), List.of(), null, 10);
        assertEquals(List.of(plain), TestMojo.withoutExcludedGroups(List.of(gpu, plain), "slow, gpu"));
        assertEquals(List.of(gpu, plain), TestMojo.withoutExcludedGroups(List.of(gpu, plain), "gpu & !fast"));
        assertEquals(List.of(gpu, plain), TestMojo.withoutExcludedGroups(List.of(gpu, plain), null));
    }
}
