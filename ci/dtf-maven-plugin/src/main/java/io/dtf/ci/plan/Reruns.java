package io.dtf.ci.plan;

import io.dtf.model.TestCase;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The task that runs one failed test again, on its own. It selects the test by its JUnit unique id,
 * which names exactly that test (one invocation of a parameterised test, a dynamic test, a test in a
 * {@code @Nested} class), and falls back to a method or class selector when the id is missing.
 *
 * <pre>{@code
 * TestBatch again = Reruns.rerunOf(failed, discovered.classes());
 * }</pre>
 */
public final class Reruns {
    private Reruns() {
    }

    /**
     * @param failed  the test that failed
     * @param classes the run's test classes, for the requirements of the test's class and method
     */
    public static TestBatch rerunOf(TestCase failed, Collection<TestClass> classes) {
        String selector;
        if (failed.uniqueId() != null && !failed.uniqueId().isBlank()) {
            selector = "uid:" + failed.uniqueId();
        } else if (failed.method() != null && !failed.method().isBlank()) {
            selector = "method:" + failed.className() + "#" + failed.method();
        } else {
            selector = "class:" + failed.className();
        }
        Map<String, TestClass> byName = classes.stream()
                .collect(Collectors.toMap(TestClass::name, Function.identity(), (a, b) -> a));
        List<String> requirements = owner(failed.className(), byName).map(c -> TestSplitter.canonical(c.requirements(),
                        c.methodRequirements().entrySet().stream()
                                .filter(e -> e.getKey().equals(failed.method())
                                        || TestClass.methodName(e.getKey()).equals(failed.method()))
                                .flatMap(e -> e.getValue().stream()).toList()))
                .orElse(List.of());
        return new TestBatch(List.of(selector), requirements, Duration.ofMillis(Math.max(0, failed.durationMillis())));
    }

    /** The test's class, or for a test of a {@code @Nested} class the outer class it runs with. */
    private static Optional<TestClass> owner(String className, Map<String, TestClass> byName) {
        for (String name = className; ; name = name.substring(0, name.lastIndexOf('$'))) {
            if (byName.containsKey(name)) {
                return Optional.of(byName.get(name));
            }
            if (name.lastIndexOf('$') < 0) {
                return Optional.empty();
            }
        }
    }
}
