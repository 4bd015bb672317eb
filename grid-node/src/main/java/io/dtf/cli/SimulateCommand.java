package io.dtf.cli;

import io.dtf.coordinator.Placement;
import io.dtf.simulation.Churn;
import io.dtf.simulation.InputException;
import io.dtf.simulation.PolicyResult;
import io.dtf.simulation.SimulationReport;
import io.dtf.simulation.SimulationSettings;
import io.dtf.simulation.WorkerClass;
import io.dtf.simulation.WorkersFile;
import io.dtf.simulation.WorkloadFile;
import io.dtf.simulation.WorkloadGenerator;
import io.dtf.simulation.WorkloadTask;
import io.dtf.wire.Json;
import io.dtf.wire.SafeText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dtf simulate}: the coordinator and scheduler of a real grid, driven in virtual time over a
 * simulated one, to compare placement policies on a workload no machine room here could run.
 */
@Command(name = "simulate", description = "Simulate a workload on a grid of workers described in a file, through"
        + " DTF's own coordinator and scheduler in virtual time, and compare placement policies: makespan against"
        + " the lower bound, queue waits, scheduler CPU per task. See docs/SCHEDULING.md, section Simulation.")
final class SimulateCommand implements Callable<Integer> {
    enum OutputFormat { text, json }

    @Option(names = "--workers", required = true, paramLabel = "FILE",
            description = "CSV: hw_class,count,slots,tags,speed[,attributes] (tags separated by ';', "
                    + "attributes as key=value;key=value).")
    Path workers;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Workload workload;

    static final class Workload {
        @Option(names = "--workload", paramLabel = "FILE", description = "CSV: task,requirements,duration_ms"
                + "[,priority][,exclusive] (requirements in the suite syntax, separated by ';').")
        Path file;

        @Option(names = "--generate", paramLabel = "N", description = "Generate N tasks from the seed instead: "
                + "mostly short, a long tail, a quarter confined to some worker classes.")
        Integer generate;
    }

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "all", description = "all (default), or one "
            + "of earliest_finish, first_free, round_robin, lpt_equal_speed.")
    String policy;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Every random draw follows from"
            + " it (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--failure-rate", paramLabel = "P", defaultValue = "0", description = "Share of attempts that "
            + "fail for a reason of the machine and are retried elsewhere (default: ${DEFAULT-VALUE}).")
    double failureRate;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.1", description = "Spread of run times "
            + "around duration / speed, as a log-normal sigma; 0 for exact (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--dispatch-overhead", paramLabel = "DURATION", defaultValue = "0ms",
            description = "Added to every attempt (default: ${DEFAULT-VALUE}).")
    Duration dispatchOverhead;

    @Option(names = "--joins-per-hour", paramLabel = "RATE", defaultValue = "0",
            description = "Workers joining per virtual hour, across the grid.")
    double joins;

    @Option(names = "--leaves-per-hour", paramLabel = "RATE", defaultValue = "0",
            description = "Workers leaving per virtual hour: their attempts fail at once.")
    double leaves;

    @Option(names = "--deaths-per-hour", paramLabel = "RATE", defaultValue = "0",
            description = "Workers dying per virtual hour: their attempts fail once the death is noticed.")
    double deaths;

    @Option(names = "--death-detection", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long a death goes unnoticed (default: ${DEFAULT-VALUE}).")
    Duration detection;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--deterministic", description = "Leave out what is measured on this machine (CPU and wall "
            + "time): the same inputs and seed then print the same bytes.")
    boolean deterministic;

    @Override
    public Integer call() {
        List<Placement> policies;
        SimulationSettings settings;
        try {
            policies = policies();
            settings = SimulationSettings.defaults(seed).withFailureRate(failureRate).withNoise(noise)
                    .withDispatchOverhead(dispatchOverhead)
                    .withChurn(new Churn(joins, leaves, deaths, detection));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        SimulationReport report;
        try {
            List<WorkerClass> grid = WorkersFile.read(workers);
            List<WorkloadTask> tasks = workload.file != null ? WorkloadFile.read(workload.file)
                    : WorkloadGenerator.generate(generated(), grid, seed);
            report = SimulationReport.run(grid, tasks, settings, policies);
        } catch (InputException | IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (deterministic) {
            report = report.deterministic();
        }
        System.out.print(format == OutputFormat.json ? json(report) : text(report));
        return ExitCodes.OK;
    }

    private List<Placement> policies() {
        if (policy.equalsIgnoreCase("all")) {
            return List.of(Placement.values());
        }
        try {
            return List.of(Placement.valueOf(policy.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--policy: '" + SafeText.abbreviated(policy, 40) + "' is not a policy;"
                    + " write all, earliest_finish, first_free, round_robin or lpt_equal_speed");
        }
    }

    private int generated() {
        if (workload.generate < 1 || workload.generate > WorkloadFile.MAX_TASKS) {
            throw new IllegalArgumentException("--generate: " + workload.generate + " is not from 1 to "
                    + WorkloadFile.MAX_TASKS);
        }
        return workload.generate;
    }

    private static int usage(String message) {
        System.err.println("dtf: " + SafeText.line(message));
        return ExitCodes.USAGE;
    }

    static String json(SimulationReport report) {
        try {
            return Json.reportMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the simulation report", e);
        }
    }

    static String text(SimulationReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d workers (%d slots, capacity %.1f reference slots), %d tasks "
                + "(%s of reference work), seed %d%n", r.workers(), r.slots(), r.capacity(), r.tasks(),
                Format.clock(Duration.ofMillis(r.workMs())), r.seed()));
        out.append("lower bound ").append(Format.clock(Duration.ofMillis(r.bound().boundMs()))).append(" (")
                .append(r.bound().binding()).append(")\n");
        TextTable t = new TextTable("policy", "makespan", "/ bound", "wait p50", "wait p99", "attempts", "failures",
                "copies", "cpu/task", "wall", "unfinished");
        for (PolicyResult p : r.policies()) {
            t.row(p.policy().name().toLowerCase(Locale.ROOT), Format.clock(Duration.ofMillis(p.makespanMs())),
                    String.format(Locale.ROOT, "%.3f", p.ratio()), Format.seconds(p.queueWaitP50Ms() / 1000.0),
                    Format.seconds(p.queueWaitP99Ms() / 1000.0), p.attempts(), p.failures(), p.speculativeCopies(),
                    p.schedulerCpuMicrosPerTask() == null ? null : p.schedulerCpuMicrosPerTask() + " us",
                    p.wallMillis() == null ? null : Format.seconds(p.wallMillis() / 1000.0), p.unfinished());
        }
        return out.append(t).toString();
    }
}
