package io.dtf.ci.run;

import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.plan.TestClass;
import io.dtf.model.TestDuration;
import java.time.Duration;
import java.util.List;

/** Packs test classes into the batches that become tasks, each about {@code target} long. */
public interface TestSplitter {
    /**
     * @param history past durations of these classes per hardware class (empty when the grid has none)
     */
    List<TestBatch> split(List<TestClass> classes, List<TestDuration> history, Duration target);
}
