package io.dtf.ci.run;

import io.dtf.ci.plan.TestClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Finds the test classes to run among a project's compiled tests, without running test code. */
public interface TestDiscovery {
    /**
     * The test classes under {@code testClasses} (a class directory) that {@code filter} accepts, with
     * their requirements: those of {@code @RequiresHardware} and, for each of their JUnit tags,
     * {@code tagRequirements.get(tag)}.
     */
    List<TestClass> discover(Path testClasses, ClassFilter filter, Map<String, List<String>> tagRequirements)
            throws IOException;
}
