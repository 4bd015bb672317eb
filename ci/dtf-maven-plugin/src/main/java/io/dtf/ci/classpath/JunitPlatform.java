package io.dtf.ci.classpath;

import java.util.Collection;
import java.util.Optional;

/**
 * What a project's test class path needs to run on the JUnit Platform, decided as Surefire decides it:
 * its own {@code junit-platform-engine} fixes the platform version, and the launcher of that same
 * version is added when the project does not have it. JUnit 4 tests run through the vintage engine
 * only when the project has it.
 */
public final class JunitPlatform {
    static final String PLATFORM = "org.junit.platform";
    static final String ENGINE = "junit-platform-engine";
    static final String LAUNCHER = "junit-platform-launcher";

    private JunitPlatform() {
    }

    /**
     * The launcher version to add (empty when the project has a launcher already).
     *
     * @throws IllegalArgumentException when the project has no JUnit Platform engine, naming the fix
     */
    public static Optional<String> launcherToAdd(Collection<Coordinates> testDependencies) {
        Coordinates engine = find(testDependencies, PLATFORM, ENGINE);
        if (engine == null) {
            if (find(testDependencies, "junit", "junit") != null) {
                throw new IllegalArgumentException("this project's tests are JUnit 4, which DTF runs through the JUnit"
                        + " Platform's vintage engine: add the test dependency org.junit.vintage:junit-vintage-engine"
                        + " (the version of your JUnit 5, e.g. 5.14.4), as Surefire's JUnit Platform provider needs too");
            }
            throw new IllegalArgumentException("no JUnit Platform engine on the test class path: DTF runs tests through"
                    + " the JUnit Platform; add the test dependency org.junit.jupiter:junit-jupiter (JUnit 5), or"
                    + " org.junit.vintage:junit-vintage-engine for JUnit 4 tests");
        }
        return find(testDependencies, PLATFORM, LAUNCHER) == null ? Optional.of(engine.version()) : Optional.empty();
    }

    /** Whether JUnit 4 tests would be left out: {@code junit:junit} without the vintage engine. */
    public static boolean junit4WithoutVintage(Collection<Coordinates> testDependencies) {
        return find(testDependencies, "junit", "junit") != null
                && find(testDependencies, "org.junit.vintage", "junit-vintage-engine") == null;
    }

    private static Coordinates find(Collection<Coordinates> all, String group, String artifact) {
        return all.stream().filter(c -> c.is(group, artifact)).findFirst().orElse(null);
    }
}
