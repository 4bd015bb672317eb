package io.dtf.ci.run;

import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.plan.TestClass;
import io.dtf.model.TestDuration;
import java.time.Duration;
import java.util.List;

/** The plan without history: one task per test class, with the class's requirements. */
public final class OneClassPerBatch implements TestSplitter {
    @Override
    public List<TestBatch> split(List<TestClass> classes, List<TestDuration> history, Duration target) {
        return classes.stream()
                .map(c -> new TestBatch(List.of("class:" + c.name()), c.requirements(), Duration.ZERO))
                .toList();
    }
}
