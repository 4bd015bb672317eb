package io.dtf.ci.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -Dtest=} filter, as Surefire reads it: a comma-separated list of class patterns
 * ({@code ParserTest}, {@code Parser*}, {@code com.example.ParserTest}), methods
 * ({@code ParserTest#parses*}, {@code ParserTest#a+b}), regular expressions ({@code %regex[.*Parser.*]})
 * and exclusions ({@code !Slow*}). Like Surefire, a filter that includes something replaces the
 * configured includes and excludes; one made only of exclusions narrows them.
 *
 * <pre>{@code
 * TestPatterns patterns = TestFilter.parse("Parser*,!ParserFuzzTest").over(TestPatterns.defaults());
 * }</pre>
 */
public final class TestFilter {
    private final List<TestPattern> includes;
    private final List<TestPattern> excludes;
    private final String written;

    private TestFilter(List<TestPattern> includes, List<TestPattern> excludes, String written) {
        this.includes = includes;
        this.excludes = excludes;
        this.written = written;
    }

    /**
     * Reads a {@code -Dtest=} value; null or blank means no filter.
     *
     * @throws IllegalArgumentException naming the item that cannot be read
     */
    public static TestFilter parse(String spec) {
        List<TestPattern> includes = new ArrayList<>();
        List<TestPattern> excludes = new ArrayList<>();
        if (spec != null) {
            for (String item : spec.split(",")) {
                String text = item.strip();
                if (text.isEmpty()) {
                    continue;
                }
                boolean exclude = text.startsWith("!");
                try {
                    (exclude ? excludes : includes).addAll(TestPattern.parse(exclude ? text.substring(1) : text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("-Dtest=" + spec.strip() + ": " + e.getMessage(), e);
                }
            }
        }
        return new TestFilter(List.copyOf(includes), List.copyOf(excludes), spec == null ? "" : spec.strip());
    }

    /** True when the filter selects nothing itself (no {@code -Dtest}, or a blank one). */
    public boolean isEmpty() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    /** The patterns to discover tests with, given those configured (or Surefire's defaults). */
    public TestPatterns over(TestPatterns configured) {
        if (isEmpty()) {
            return configured;
        }
        if (!includes.isEmpty()) {
            return TestPatterns.raw(includes, excludes);
        }
        return configured.narrowedBy(excludes);
    }

    @Override
    public String toString() {
        return written;
    }
}
