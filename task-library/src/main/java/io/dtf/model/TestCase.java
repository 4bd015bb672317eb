package io.dtf.model;

/**
 * One test case of a {@code junit} task's attempt, as the JUnit Platform reported it.
 *
 * @param className   the test's class, e.g. {@code com.example.ParserTest}
 * @param method      the method (or the test's name for dynamic and parameterised tests); null for a
 *                    failure of the class itself (e.g. in {@code @BeforeAll})
 * @param displayName what JUnit shows, e.g. {@code parses [2] "a,b"}
 * @param uniqueId    the JUnit Platform unique id, which selects exactly this test again
 * @param durationMillis wall time of the test
 * @param failureType the exception's class when FAILED or ERROR, else null
 * @param message     the exception's message (may be null)
 * @param stackTrace  the stack trace, bounded by the runner
 * @param stdoutTail  what the test printed on stdout while it ran (the end, bounded)
 * @param stderrTail  the same for stderr
 */
public record TestCase(
        String className,
        String method,
        String displayName,
        String uniqueId,
        TestStatus status,
        long durationMillis,
        String failureType,
        String message,
        String stackTrace,
        String stdoutTail,
        String stderrTail) {

    public TestCase {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("a test case needs its class name");
        }
        if (status == null) {
            throw new IllegalArgumentException("test case " + className + "#" + method + " has no status");
        }
        stdoutTail = stdoutTail == null ? "" : stdoutTail;
        stderrTail = stderrTail == null ? "" : stderrTail;
    }
}
