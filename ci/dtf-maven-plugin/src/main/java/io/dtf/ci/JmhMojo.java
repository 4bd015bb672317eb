package io.dtf.ci;

import io.dtf.ci.grid.GridConnection;
import io.dtf.ci.grid.GridException;
import io.dtf.ci.grid.GridSession;
import io.dtf.ci.ship.Shipment;
import io.dtf.ci.surefire.ArgLine;
import io.dtf.model.AnalysisReply;
import io.dtf.model.JmhAction;
import io.dtf.model.Metric;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the project's JMH benchmarks on a DTF grid with JMH's own runner, prints each benchmark's score,
 * and with {@code dtf.failOnRegression} fails the build when the grid's aggregator finds a benchmark
 * of this run regressed against its history.
 *
 * <p>Where the benchmarks are: JMH's annotation processor writes {@code META-INF/BenchmarkList} beside
 * the classes it compiled. When {@code target/test-classes} has it (benchmarks under src/test), the
 * benchmarks run on the test class path; else when {@code target/classes} has it (a benchmarks module),
 * on the runtime class path. Either way the project's own {@code jmh-core} runs them.
 *
 * <pre>
 * mvn test-compile io.dtf:dtf-maven-plugin:0.1.0-SNAPSHOT:jmh -Ddtf.jmh.include=Parser -Ddtf.jmh.options="-f 1 -wi 2 -i 3"
 * </pre>
 */
@Mojo(name = "jmh", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class JmhMojo extends DtfMojo {
    static final String BENCHMARK_LIST = "META-INF/BenchmarkList";
    /** How long the aggregator may take to hold this run's results before the regression check gives up. */
    private static final Duration INGEST_LIMIT = Duration.ofSeconds(60);

    /** JMH's include regex: the benchmarks to run (default: all). */
    @Parameter(property = "dtf.jmh.include", defaultValue = "")
    String include;

    /** JMH's command-line options, e.g. {@code -f 1 -wi 2 -i 3 -p size=10,100} (result format and file are DTF's). */
    @Parameter(property = "dtf.jmh.options", defaultValue = "")
    String options;

    /** Fails the build when a benchmark of this run regressed against its history on the grid. */
    @Parameter(property = "dtf.failOnRegression", defaultValue = "false")
    boolean failOnRegression;

    /** Skips the benchmarks. */
    @Parameter(property = "dtf.jmh.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.build.testOutputDirectory}", readonly = true)
    File testClassesDirectory;

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
    File classesDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Benchmarks are skipped.");
            return;
        }
        Duration taskTimeout = duration("dtf.timeout", timeout);
        Duration wholeRun = duration("dtf.runTimeout", runTimeout);
        List<Path> classpath = benchmarkClasspath();
        Shipment shipment = ship(classpath);
        List<Requirement> needs = new ArrayList<>();
        for (String text : commonRequirements()) {
            try {
                needs.add(Requirement.parse(text));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("dtf.requirements: '" + text + "': " + e.getMessage(), e);
            }
        }
        List<String> jmhOptions;
        try {
            jmhOptions = ArgLine.split(options);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("dtf.jmh.options: " + e.getMessage(), e);
        }
        JmhAction action = new JmhAction(shipment.classpath(), include, jmhOptions, List.of(), Map.of(),
                shipment.workdir());
        Suite suite = new Suite(project.getArtifactId() + "-jmh", List.of(new TaskSpec("jmh", "jmh", Map.of(), action,
                needs, 0, taskTimeout, 0, 1)));
        try (GridConnection connection = openGrid()) {
            upload(connection, shipment);
            GridSession grid = connection.session();
            String runId = grid.submit(suite, warning -> getLog().warn(warning));
            getLog().info("Run " + runId + ": JMH" + (include == null || include.isBlank() ? "" : " " + include));
            List<TaskResult> finals = new ArrayList<>();
            RunView view = grid.await(runId, wholeRun, r -> {
                if (r.finalAttempt()) {
                    finals.add(r);
                } else {
                    getLog().info("  attempt " + r.attempt() + " " + r.status() + " on " + r.nodeId() + ": "
                            + r.decision());
                }
            });
            for (TaskResult r : finals) {
                printScores(r);
            }
            if (!view.passed()) {
                TaskResult r = finals.isEmpty() ? null : finals.get(0);
                throw new MojoFailureException("the benchmarks did not pass: " + (r == null ? view.counts()
                        : r.status() + (r.error() == null ? "" : ": " + r.error())
                        + (r.stderrTail() == null || r.stderrTail().isBlank() ? "" : "\n" + r.stderrTail())));
            }
            if (failOnRegression) {
                checkRegressions(grid, runId);
            }
        } catch (GridException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new MojoFailureException("the benchmarks did not finish within dtf.runTimeout (" + wholeRun + "): "
                    + e.getMessage(), e);
        }
    }

    /** The class path holding the benchmarks (see the class comment). */
    List<Path> benchmarkClasspath() throws MojoExecutionException {
        try {
            if (Files.isRegularFile(testClassesDirectory.toPath().resolve(BENCHMARK_LIST))) {
                return project.getTestClasspathElements().stream().map(Path::of).toList();
            }
            if (Files.isRegularFile(classesDirectory.toPath().resolve(BENCHMARK_LIST))) {
                return project.getRuntimeClasspathElements().stream().map(Path::of).toList();
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the class path is not resolved: " + e.getMessage(), e);
        }
        throw new MojoExecutionException("no JMH benchmarks: neither " + testClassesDirectory.toPath().resolve(
                BENCHMARK_LIST) + " nor " + classesDirectory.toPath().resolve(BENCHMARK_LIST) + " exists. JMH's annotation"
                + " processor (org.openjdk.jmh:jmh-generator-annprocess) writes it when the benchmarks compile: add it"
                + " beside jmh-core and run test-compile first");
    }

    private void printScores(TaskResult result) {
        if (result.metrics().isEmpty()) {
            return;
        }
        getLog().info("Benchmarks on " + result.nodeId() + " (" + result.hwClass() + "):");
        for (Metric m : result.metrics()) {
            getLog().info(String.format(Locale.ROOT, "  %-60s %14.3f %s  (%d samples)", m.name(), m.mean(), m.unit(),
                    m.samples().size()));
        }
    }

    /**
     * Asks the aggregator for this run's verdicts. It holds a run's results only once it has ingested them,
     * shortly after the run ends: until then it knows no series of the run, so ask again for a while.
     */
    private void checkRegressions(GridSession grid, String runId) throws MojoFailureException {
        Instant deadline = Instant.now().plus(INGEST_LIMIT);
        AnalysisReply reply = grid.analyze(runId);
        while (reply.series() == 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MojoFailureException("interrupted while waiting for the regression verdicts");
            }
            reply = grid.analyze(runId);
        }
        if (reply.series() == 0) {
            throw new MojoFailureException("dtf.failOnRegression: the grid's aggregator has no series of run " + runId
                    + " after " + INGEST_LIMIT.toSeconds() + " s, so no verdict could be made");
        }
        getLog().info("Regression check: " + reply.series() + " series, " + reply.regressions() + " regressed");
        if (reply.regressions() > 0) {
            reply.report().lines().forEach(l -> getLog().error(l));
            throw new MojoFailureException(reply.regressions() + " benchmark series regressed against their history"
                    + " (dtf.failOnRegression)");
        }
    }
}
