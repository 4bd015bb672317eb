package io.dtf.ci.plan;

import java.util.List;

/**
 * What {@link TestDiscovery} found.
 *
 * @param classes  the test classes, by name
 * @param problems one sentence per class file that could not be read, naming the file; the classes
 *                 that could be read are in {@code classes} all the same
 */
public record DiscoveredTests(List<TestClass> classes, List<String> problems) {
    public DiscoveredTests {
        classes = List.copyOf(classes);
        problems = List.copyOf(problems);
    }
}
