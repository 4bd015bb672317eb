package io.dtf.ci.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which test classes and methods run, from includes and excludes in Surefire's syntax (see
 * {@link TestPattern}). A class runs when an include matches it (or there are none) and no
 * class-only exclude does; an item that names methods narrows the class to those methods
 * (include) or drops them (exclude).
 *
 * <pre>{@code
 * TestPatterns patterns = TestPatterns.of(List.of("*Test", "*Tests"), null);
 * patterns.includesClass("com/example/ParserTest.class");   // true
 * }</pre>
 */
public final class TestPatterns {
    /** Surefire's default includes. */
    public static final List<String> DEFAULT_INCLUDES =
            List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java", "**/*TestCase.java");
    /** Surefire's default excludes: nested and anonymous classes run with their outer class. */
    public static final List<String> DEFAULT_EXCLUDES = List.of("**/*$*");

    private final List<TestPattern> includes;
    private final List<TestPattern> excludes;

    private TestPatterns(List<TestPattern> includes, List<TestPattern> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * Patterns from a Surefire configuration: each element may itself be a comma-separated list, as in
     * Surefire. Null or empty includes or excludes mean Surefire's defaults for them, as in Surefire.
     *
     * @throws IllegalArgumentException naming the pattern that cannot be read
     */
    public static TestPatterns of(Collection<String> includes, Collection<String> excludes) {
        return new TestPatterns(
                parse(includes == null || includes.isEmpty() ? DEFAULT_INCLUDES : includes, "include"),
                parse(excludes == null || excludes.isEmpty() ? DEFAULT_EXCLUDES : excludes, "exclude"));
    }

    /** Surefire's defaults. */
    public static TestPatterns defaults() {
        return of(null, null);
    }

    static TestPatterns raw(List<TestPattern> includes, List<TestPattern> excludes) {
        return new TestPatterns(List.copyOf(includes), List.copyOf(excludes));
    }

    /** These patterns with more excludes. */
    TestPatterns narrowedBy(List<TestPattern> moreExcludes) {
        List<TestPattern> all = new ArrayList<>(excludes);
        all.addAll(moreExcludes);
        return new TestPatterns(includes, List.copyOf(all));
    }

    /** True when some of the class's tests run; {@code classFile} is relative with {@code /}, e.g. {@code a/BTest.class}. */
    public boolean includesClass(String classFile) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matchesClass(classFile));
        return included && excludes.stream().noneMatch(p -> p.methodPattern() == null && p.matchesClass(classFile));
    }

    /** True when the class runs as a whole: no pattern narrows it to some methods. */
    public boolean wholeClass(String classFile) {
        boolean wholeIncluded = includes.isEmpty()
                || includes.stream().anyMatch(p -> p.methodPattern() == null && p.matchesClass(classFile));
        return wholeIncluded && excludes.stream().noneMatch(p -> p.methodPattern() != null && p.matchesClass(classFile));
    }

    /** Which method names of an included class run. */
    public Predicate<String> methods(String classFile) {
        List<TestPattern> in = includes.stream().filter(p -> p.matchesClass(classFile)).toList();
        List<TestPattern> out = excludes.stream()
                .filter(p -> p.methodPattern() != null && p.matchesClass(classFile)).toList();
        return method -> (includes.isEmpty() || in.stream().anyMatch(p -> p.matchesMethod(method)))
                && out.stream().noneMatch(p -> p.matchesMethod(method));
    }

    /** The class file path of a binary class name: {@code a.B$C} gives {@code a/B$C.class}. */
    public static String classFile(String binaryName) {
        return binaryName.replace('.', '/') + ".class";
    }

    private static List<TestPattern> parse(Collection<String> items, String kind) {
        return items.stream()
                .flatMap(item -> List.of(item.split(",")).stream())
                .filter(s -> !s.isBlank())
                .flatMap(s -> {
                    try {
                        return TestPattern.parse(s).stream();
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Surefire " + kind + ": " + e.getMessage(), e);
                    }
                })
                .toList();
    }
}
