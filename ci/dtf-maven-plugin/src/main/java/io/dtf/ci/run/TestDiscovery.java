package io.dtf.ci.run;

import io.dtf.ci.plan.TestClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Finds the test classes to run among a project's compiled tests, without running test code. */
public interface TestDiscovery {
    /** The test classes under {@code testClasses} (a class directory) that {@code filter} accepts, by name. */
    List<TestClass> discover(Path testClasses, ClassFilter filter) throws IOException;
}
