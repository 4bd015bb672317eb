package io.dtf.ci;

import io.dtf.ci.classpath.Coordinates;
import io.dtf.ci.classpath.JunitPlatform;
import io.dtf.ci.classpath.LauncherResolver;
import io.dtf.ci.grid.GridConnection;
import io.dtf.ci.grid.GridException;
import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.plan.TestClass;
import io.dtf.ci.report.TestOutcome;
import io.dtf.ci.run.ClassFileNames;
import io.dtf.ci.run.ClassFilter;
import io.dtf.ci.run.JunitTasks;
import io.dtf.ci.run.OneClassPerBatch;
import io.dtf.ci.run.SummaryJson;
import io.dtf.ci.run.TestDiscovery;
import io.dtf.ci.run.TestReports;
import io.dtf.ci.run.TestRun;
import io.dtf.ci.run.TestSplitter;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
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

    /** Finds the test classes; replaceable, so that a richer discovery can stand in. */
    TestDiscovery discovery = new ClassFileNames();
    /** Packs test classes into batches. */
    TestSplitter splitter = new OneClassPerBatch();
    /** Writes target/dtf-reports. */
    TestReports reports = new SummaryJson();

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
        List<TestBatch> batches = plan(settings, target);
        if (batches.isEmpty()) {
            return;
        }
        List<Path> classpath = testClasspath();
        Shipment shipment = ship(classpath);
        JunitTasks tasks;
        try {
            tasks = new JunitTasks(shipment, settings, commonRequirements(), taskTimeout);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        List<TestOutcome> outcomes;
        try (GridConnection connection = openGrid()) {
            upload(connection, shipment);
            TestRun run = new TestRun(connection.session(), tasks, getLog(), retries, wholeRun,
                    project.getArtifactId() + "-tests");
            outcomes = run.run(batches);
        } catch (GridException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        try {
            reports.write(outcomes, reportsDirectory.toPath());
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

    /** The batches to run; empty (after saying why) when there is nothing to run. */
    List<TestBatch> plan(SurefireSettings settings, Duration target) throws MojoExecutionException, MojoFailureException {
        Path classes = testClassesDirectory.toPath();
        if (!Files.isDirectory(classes)) {
            getLog().info("No tests to run (" + classes + " does not exist: run test-compile first).");
            return List.of();
        }
        ClassFilter filter;
        List<TestClass> found;
        try {
            filter = ClassFilter.of(settings, test);
            found = discovery.discover(classes, filter, tagRequirements());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the test classes in " + classes + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            if (filter.specified() && failIfNoSpecifiedTests) {
                throw new MojoFailureException("No tests matching pattern \"" + test + "\" were executed! (Set "
                        + "-Dsurefire.failIfNoSpecifiedTests=false to ignore this error.)");
            }
            getLog().info("No tests to run.");
            return List.of();
        }
        List<TestBatch> batches = new ArrayList<>();
        for (TestBatch batch : splitter.split(found, List.of(), target)) {
            batches.add(onlyNamedMethods(batch, filter));
        }
        getLog().info(found.size() + " test class(es) in " + batches.size() + " task(s)");
        return batches;
    }

    /** {@link #tagRequirements} as lists. */
    Map<String, List<String>> tagRequirements() {
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        if (tagRequirements != null) {
            tagRequirements.forEach((tag, text) -> byTag.put(tag, text == null ? List.of() : Arrays.stream(text.split(";"))
                    .map(String::strip).filter(r -> !r.isEmpty()).toList()));
        }
        return byTag;
    }

    /** A batch whose classes {@code -Dtest} limits to some methods selects only those methods. */
    static TestBatch onlyNamedMethods(TestBatch batch, ClassFilter filter) {
        List<String> selectors = new ArrayList<>();
        for (String selector : batch.selectors()) {
            Set<String> methods = selector.startsWith("class:") ? filter.methods(selector.substring(6)) : Set.of();
            if (methods.isEmpty()) {
                selectors.add(selector);
            } else {
                methods.forEach(m -> selectors.add("method:" + selector.substring(6) + "#" + m));
            }
        }
        return new TestBatch(selectors, batch.requirements(), batch.estimate());
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
