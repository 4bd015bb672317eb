package io.dtf.ci;

import io.dtf.ci.classpath.Coordinates;
import io.dtf.ci.classpath.JunitPlatform;
import io.dtf.ci.classpath.LauncherResolver;
import io.dtf.ci.grid.GridConnection;
import io.dtf.ci.grid.GridException;
import io.dtf.ci.grid.GridSession;
import io.dtf.ci.plan.DiscoveredTests;
import io.dtf.ci.plan.TagRequirements;
import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.plan.TestClass;
import io.dtf.ci.plan.TestDiscovery;
import io.dtf.ci.plan.TestFilter;
import io.dtf.ci.plan.TestPatterns;
import io.dtf.ci.plan.TestPlan;
import io.dtf.ci.plan.TestSplitter;
import io.dtf.ci.report.ReportFiles;
import io.dtf.ci.report.Reports;
import io.dtf.ci.report.RunFacts;
import io.dtf.ci.report.TestOutcome;
import io.dtf.ci.run.JunitTasks;
import io.dtf.ci.run.TestRun;
import io.dtf.ci.run.TestTotals;
import io.dtf.ci.ship.Shipment;
import io.dtf.ci.surefire.SurefireConfigReader;
import io.dtf.ci.surefire.SurefireSettings;
import io.dtf.model.TestStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs the project's tests on a DTF grid, as Surefire runs them locally: the same tests (its includes,
 * excludes and {@code -Dtest}), in JVMs that see what Surefire's fork sees (argLine, system properties,
 * environment, a working directory with the test resources), reported as they finish; failed tests are
 * rerun and a test that then passes is FLAKY. The build fails on failures and errors.
 *
 * <pre>
 * mvn test-compile io.dtf:dtf-maven-plugin:0.1.0-SNAPSHOT:test                       # embedded grid
 * mvn test-compile io.dtf:dtf-maven-plugin:0.1.0-SNAPSHOT:test -Ddtf.grid=ci-grid:10800 -Dtest=Parser*
 * </pre>
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class TestMojo extends DtfMojo {
    /** Tests to run instead of the includes, in Surefire's syntax: {@code ParserTest}, {@code Parser*#parsesEmpty}, {@code !SlowTest}. */
    @Parameter(property = "test")
    String test;

    /** Skips running the tests (they are still compiled). */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /** Skips the tests, as {@code maven.test.skip} does for the whole build. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean skip;

    /** Reports failing tests without failing the build. */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
    boolean testFailureIgnore;

    /** Fails when {@code -Dtest} matches no test, as Surefire does. */
    @Parameter(property = "surefire.failIfNoSpecifiedTests", defaultValue = "true")
    boolean failIfNoSpecifiedTests;

    /** About how long each task (one JVM running a batch of test classes) should take. */
    @Parameter(property = "dtf.targetTaskDuration", defaultValue = "30s")
    String targetTaskDuration;

    /** Rounds of reruns of failed tests; 0 reruns nothing. */
    @Parameter(property = "dtf.retries", defaultValue = "1")
    int retries;

    /** Fails the build also on flaky tests (failed, then passed on a rerun). */
    @Parameter(property = "dtf.failOnFlaky", defaultValue = "false")
    boolean failOnFlaky;

    /**
     * Requirements of the tests with a JUnit tag, per tag, requirements separated by {@code ;}:
     * {@code <tagRequirements><gpu>gpu.count >= 1; tag cuda</gpu></tagRequirements>}.
     */
    @Parameter
    Map<String, String> tagRequirements;

    @Parameter(defaultValue = "${project.build.testOutputDirectory}", readonly = true)
    File testClassesDirectory;

    /** Where the reports go. */
    @Parameter(property = "dtf.reportsDirectory", defaultValue = "${project.build.directory}/dtf-reports")
    File reportsDirectory;

    @Inject
    RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("Tests are skipped.");
            return;
        }
        Duration target = duration("dtf.targetTaskDuration", targetTaskDuration);
        Duration taskTimeout = duration("dtf.timeout", timeout);
        Duration wholeRun = duration("dtf.runTimeout", runTimeout);
        SurefireSettings settings = surefireSettings();
        List<Path> classpath = testClasspath();
        List<TestClass> classes = discover(settings, classpath);
        if (classes.isEmpty()) {
            return;
        }
        Shipment shipment = ship(classpath);
        JunitTasks tasks;
        try {
            tasks = new JunitTasks(shipment, settings, commonRequirements(), taskTimeout);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        String suiteName = project.getArtifactId() + "-tests";
        Instant started = Instant.now();
        List<TestOutcome> outcomes;
        List<String> runIds;
        String gridDescription;
        try (GridConnection connection = openGrid()) {
            gridDescription = connection.description();
            GridSession grid = connection.session();
            List<TestBatch> batches = plan(classes, grid, suiteName, target);
            upload(connection, shipment);
            TestRun run = new TestRun(grid, tasks, getLog(), retries, wholeRun, suiteName);
            outcomes = run.run(batches);
            runIds = run.runIds();
        } catch (GridException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        RunFacts facts = new RunFacts(project.getGroupId() + ":" + project.getArtifactId(), String.join(", ", runIds),
                started, Duration.between(started, Instant.now()), gridDescription);
        try {
            ReportFiles written = Reports.write(reportsDirectory.toPath(), facts, outcomes);
            written.notes().forEach(n -> getLog().warn(n));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the reports to " + reportsDirectory + ": " + e.getMessage(), e);
        }
        verdict(outcomes);
    }

    /** The project's Surefire settings, from its pom, with expressions expanded now. */
    SurefireSettings surefireSettings() {
        return SurefireConfigReader.read(SurefireConfigReader.configuration(project.getBuildPlugins(),
                project.getPluginManagement() == null ? List.of() : project.getPluginManagement().getPlugins()),
                properties());
    }

    /**
     * The test classes to run, read from their class files as Surefire would choose them (its includes and
     * excludes, or {@code -Dtest}), with their requirements; empty (after saying why) when there are none.
     */
    List<TestClass> discover(SurefireSettings settings, List<Path> classpath)
            throws MojoExecutionException, MojoFailureException {
        Path classes = testClassesDirectory.toPath();
        if (!Files.isDirectory(classes)) {
            getLog().info("No tests to run (" + classes + " does not exist: run test-compile first).");
            return List.of();
        }
        TestFilter filter;
        DiscoveredTests found;
        List<TestClass> tests;
        try {
            filter = TestFilter.parse(test);
            found = TestDiscovery.scan(classes, filter.over(TestPatterns.of(settings.includes(), settings.excludes())),
                    classpath);
            tests = TagRequirements.parse(tagRequirements).applyTo(withoutExcludedGroups(found.classes(),
                    settings.excludedGroups()));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (!found.problems().isEmpty()) {
            // Surefire fails on such a class too: running the others would hide that some tests were lost.
            found.problems().forEach(p -> getLog().error(p));
            throw new MojoExecutionException(found.problems().size() + " test class file(s) could not be read: "
                    + found.problems().get(0));
        }
        if (tests.isEmpty()) {
            if (!filter.isEmpty() && failIfNoSpecifiedTests) {
                throw new MojoFailureException("No tests matching pattern \"" + test + "\" were executed! (Set "
                        + "-Dsurefire.failIfNoSpecifiedTests=false to ignore this error.)");
            }
            getLog().info("No tests to run.");
        }
        return tests;
    }

    /**
     * The classes left once those with a class-level tag among Surefire's {@code excludedGroups} are taken
     * out: none of their tests would run, and a task that runs nothing still costs a JVM. Only a plain
     * list of tags is read here; a tag expression is left to JUnit in the test JVM.
     */
    static List<TestClass> withoutExcludedGroups(List<TestClass> classes, String excludedGroups) {
        if (excludedGroups == null || !excludedGroups.matches("\\s*[\\w.-]+(\\s*,\\s*[\\w.-]+)*\\s*")) {
            return classes;
        }
        Set<String> excluded = Arrays.stream(excludedGroups.split(",")).map(String::strip).collect(Collectors.toSet());
        return classes.stream().filter(c -> c.tags().stream().noneMatch(excluded::contains)).toList();
    }

    /** The classes packed into tasks by their past durations on this grid, longest first. */
    private List<TestBatch> plan(List<TestClass> classes, GridSession grid, String suiteName, Duration target) {
        int slots = grid.slots();
        TestPlan plan = new TestSplitter(target, slots).plan(classes, grid.testDurations(suiteName));
        getLog().info(String.format(Locale.ROOT, "%d test class(es) in %d task(s) for %d slot(s): %s", classes.size(),
                plan.batches().size(), slots, plan.sizeOnly() ? "no history yet, balanced by class size"
                        : plan.classesWithHistory() + " timed by history, " + plan.classesEstimated()
                        + " estimated; about " + plan.makespan(slots).toSeconds() + " s"));
        return plan.batches();
    }

    /** The test class path, with the JUnit Platform launcher added when the project lacks it. */
    List<Path> testClasspath() throws MojoExecutionException {
        List<Coordinates> dependencies = project.getArtifacts().stream()
                .map(a -> new Coordinates(a.getGroupId(), a.getArtifactId(), a.getBaseVersion())).toList();
        Optional<String> launcher;
        try {
            launcher = JunitPlatform.launcherToAdd(dependencies);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (JunitPlatform.junit4WithoutVintage(dependencies)) {
            getLog().warn("junit:junit is on the test class path but org.junit.vintage:junit-vintage-engine is not:"
                    + " JUnit 4 tests will not run (add the vintage engine as a test dependency)");
        }
        List<Path> classpath = new ArrayList<>();
        try {
            project.getTestClasspathElements().forEach(e -> classpath.add(Path.of(e)));
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the test class path is not resolved: " + e.getMessage(), e);
        }
        if (launcher.isPresent()) {
            try {
                classpath.add(new LauncherResolver(repositorySystem, session.getRepositorySession(),
                        project.getRemoteProjectRepositories()).resolve(launcher.get()));
            } catch (IllegalStateException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
        }
        return classpath;
    }

    private void verdict(List<TestOutcome> outcomes) throws MojoFailureException {
        TestTotals totals = TestTotals.of(outcomes);
        getLog().info("");
        getLog().info("Results:");
        for (TestOutcome o : outcomes) {
            TestStatus status = o.last().status();
            if (status == TestStatus.FAILED || status == TestStatus.ERROR) {
                getLog().error("  " + status + " " + name(o) + (o.last().message() == null ? ""
                        : ": " + o.last().message().lines().findFirst().orElse("")));
            } else if (status == TestStatus.FLAKY) {
                getLog().warn("  FLAKY " + name(o) + " (failed " + o.earlier().size() + " time(s), then passed)");
            }
        }
        String summary = totals + " (reports in " + reportsDirectory + ")";
        if (!totals.failsBuild(failOnFlaky)) {
            getLog().info(summary);
            return;
        }
        if (testFailureIgnore) {
            getLog().error(summary);
            getLog().error("maven.test.failure.ignore is set: the build goes on");
            return;
        }
        throw new MojoFailureException("There are test failures: " + summary);
    }

    private static String name(TestOutcome o) {
        return o.last().className() + (o.last().method() == null ? "" : "." + o.last().method());
    }
}
