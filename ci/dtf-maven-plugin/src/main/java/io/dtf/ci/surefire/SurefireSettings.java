package io.dtf.ci.surefire;

import io.dtf.ci.plan.TestPatterns;
import java.util.List;
import java.util.Map;

/**
 * What the project's own Surefire configuration says about how its tests run, read so that tests see
 * on the grid what they see under Surefire.
 *
 * @param includes         class-file patterns of test classes ({@code **}{@code /*Test.java} style, or
 *                         {@code %regex[...]}); Surefire's defaults when the project sets none
 * @param excludes         patterns of classes that are not tests; Surefire's default when none
 * @param groups           JUnit tag expression a test must match (Surefire's {@code groups}); null for all
 * @param excludedGroups   JUnit tag expression that excludes a test; null for none
 * @param systemProperties {@code systemPropertyVariables} (and the older {@code systemProperties}), expanded
 * @param environment      {@code environmentVariables}, expanded
 * @param argLine          the test JVM's arguments, as Surefire would pass them (expressions expanded)
 */
public record SurefireSettings(List<String> includes, List<String> excludes, String groups, String excludedGroups,
                               Map<String, String> systemProperties, Map<String, String> environment,
                               List<String> argLine) {
    public SurefireSettings {
        includes = includes == null || includes.isEmpty() ? TestPatterns.DEFAULT_INCLUDES : List.copyOf(includes);
        excludes = excludes == null || excludes.isEmpty() ? TestPatterns.DEFAULT_EXCLUDES : List.copyOf(excludes);
        groups = blankToNull(groups);
        excludedGroups = blankToNull(excludedGroups);
        systemProperties = systemProperties == null ? Map.of() : Map.copyOf(systemProperties);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        argLine = argLine == null ? List.of() : List.copyOf(argLine);
    }

    /** A project without Surefire configuration: Surefire's defaults. */
    public static SurefireSettings defaults() {
        return new SurefireSettings(null, null, null, null, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
