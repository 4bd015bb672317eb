package io.dtf.suite;

import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.RetryPolicy;
import io.dtf.model.TaskAction;
import io.dtf.requirements.Requirement;
import io.dtf.wire.SafeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads and checks one entry of a suite's {@code tasks:} list. */
final class EntryReader {
    private static final String BENCHMARK = "benchmark";
    private static final String COMMAND = "command";
    private static final String JUNIT = "junit";
    private static final String JMH = "jmh";
    private static final List<String> COMMON = List.of("name", "type", "params", "requires", "priority",
            "timeout", "retries", "repeat", RetryReader.FIELD, FallbackReader.FIELD, "exclusive");
    private static final List<String> BENCHMARK_FIELDS = List.of("benchmark", "warmup", "iterations", "warmupTime",
            "iterationTime");
    private static final List<String> COMMAND_FIELDS = List.of("command", "env", "workdir");
    /** Each type's own fields, in the order types are named in errors. */
    private static final Map<String, List<String>> TYPE_FIELDS = typeFields();
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,199}");

    private final MappingReader in;
    private final SuiteArtifacts artifacts;
    private final EntryDefaults defaults;
    private final List<String> defaultConflicts;
    /** Parameter names as written, valid or not: placeholders are checked against these. */
    private final Set<String> declaredParams = new HashSet<>();

    private EntryReader(MappingReader in, SuiteArtifacts artifacts, EntryDefaults defaults,
                        List<String> defaultConflicts) {
        this.in = in;
        this.artifacts = artifacts;
        this.defaults = defaults;
        this.defaultConflicts = defaultConflicts;
    }

    /**
     * The entry, or empty when it has errors (all of them reported).
     *
     * @param defaultConflicts contradictions already reported for the defaults, not to repeat per entry
     */
    static Optional<TaskEntry> read(DocNode node, int position, EntryDefaults defaults,
                                    List<String> defaultConflicts, BenchmarkCheck benchmarks, SuiteArtifacts artifacts,
                                    SuiteErrors errors) {
        if (!(node instanceof DocNode.Mapping mapping)) {
            errors.add(null, position, null, "a task entry is a mapping with at least 'name' and 'type', not "
                    + node.describe());
            return Optional.empty();
        }
        int before = errors.count();
        MappingReader in = new MappingReader(mapping, errors, label(mapping), position, "");
        TaskEntry entry = new EntryReader(in, artifacts, defaults, defaultConflicts).read(position, benchmarks);
        return errors.count() == before ? Optional.of(entry) : Optional.empty();
    }

    private TaskEntry read(int position, BenchmarkCheck benchmarks) {
        String name = in.requiredName("name", "sha256");
        String type = type();
        SortedMap<String, List<String>> params = params();
        TaskAction action = BENCHMARK.equals(type) ? benchmark(benchmarks)
                : COMMAND.equals(type) ? command()
                : JUNIT.equals(type) ? JvmTaskReader.junit(in, artifacts)
                : JMH.equals(type) ? JvmTaskReader.jmh(in, artifacts) : null;
        int priority = in.integer("priority", defaults.priority(), SuiteLimits.MIN_PRIORITY, SuiteLimits.MAX_PRIORITY);
        Duration timeout = in.duration("timeout", defaults.timeout());
        int retries = in.integer("retries", defaults.retries(), 0, SuiteLimits.MAX_RETRIES);
        int repeat = in.integer("repeat", defaults.repeat(), 1, SuiteLimits.MAX_REPEAT);
        RetryPolicy retry = RetryReader.read(in, defaults.retry());
        int before = in.errorCount();
        List<Requirement> requires = Stream.concat(defaults.requires().stream(), in.requirements("requires").stream())
                .distinct().toList();
        boolean requiresComplete = in.errorCount() == before;
        RequirementConflicts.find(requires).stream().filter(c -> !defaultConflicts.contains(c))
                .forEach(c -> in.error("requires", c));
        List<Requirement> fallback = FallbackReader.read(in, defaults, requires, requiresComplete, defaultConflicts);
        boolean exclusive = in.bool("exclusive", false);
        return new TaskEntry(position, name, action, params, requires, priority, timeout, retries, repeat, retry,
                fallback, exclusive);
    }

    /** The type, after checking the fields against it; null when it is missing or unknown. */
    private String type() {
        Optional<DocNode> node = in.get("type");
        String type = node.isEmpty() ? null : node.get() instanceof DocNode.Scalar s ? s.text() : node.get().describe();
        List<String> valid = new ArrayList<>(COMMON);
        Map<String, String> elsewhere = new LinkedHashMap<>(RetryReader.MISPLACED);
        List<String> own = TYPE_FIELDS.get(type);
        if (own != null) {
            valid.addAll(own);
            TYPE_FIELDS.forEach((other, fields) -> fields.stream().filter(f -> !own.contains(f)).forEach(f ->
                    elsewhere.putIfAbsent(f, "'" + f + "' is a field of " + other + " tasks; this task has type " + type)));
        } else {
            TYPE_FIELDS.values().forEach(fields -> fields.stream().filter(f -> !valid.contains(f)).forEach(valid::add));
            in.error("type", (type == null ? "missing required field" : "unknown type '" + SuiteErrors.echo(type) + "'")
                    + "; write type: benchmark, command, junit or jmh");
        }
        in.allowOnly(valid, elsewhere);
        return type;
    }

    private BenchmarkAction benchmark(BenchmarkCheck benchmarks) {
        String benchmark = in.requiredName("benchmark", "sha256");
        if (benchmark != null && !benchmarks.known().test(benchmark)) {
            String guess = MappingReader.closest(benchmark, benchmarks.names()).map(g -> " (did you mean '" + g + "'?)")
                    .orElse("");
            in.error("benchmark", "unknown benchmark '" + SuiteErrors.echo(benchmark) + "'" + guess
                    + (benchmarks.names().isEmpty() ? "" : "; known benchmarks: " + String.join(", ", benchmarks.names())));
        }
        // Unset fields stay null: the worker fills them from the benchmark's own measurement settings.
        Integer warmup = in.optionalInteger("warmup", 0, SuiteLimits.MAX_WARMUP);
        Integer iterations = in.optionalInteger("iterations", 1, SuiteLimits.MAX_ITERATIONS);
        Duration warmupTime = in.duration("warmupTime", null, Duration.ZERO, SuiteLimits.MAX_WARMUP_TIME);
        Duration iterationTime = in.duration("iterationTime", null, Duration.ZERO, SuiteLimits.MAX_ITERATION_TIME);
        return new BenchmarkAction(benchmark, warmup, iterations, warmupTime, iterationTime);
    }

    private CommandAction command() {
        List<String> argv = argv();
        Map<String, String> env = env(in);
        String workdir = in.optionalText("workdir");
        if (argv != null) {
            argv.forEach(arg -> checkPlaceholders("command", arg));
        }
        env.forEach((key, value) -> checkPlaceholders("env." + key, value));
        if (workdir != null) {
            checkPlaceholders("workdir", workdir);
        }
        return argv == null ? null : new CommandAction(argv, env, workdir);
    }

    private List<String> argv() {
        Optional<DocNode> node = in.get("command");
        if (node.isEmpty()) {
            in.error("command", "missing required field; write e.g. command: [sh, -c, \"echo hello\"]");
            return null;
        }
        if (node.get() instanceof DocNode.Scalar s) {
            in.error("command", "a single string is not accepted; write the command as a list of arguments, "
                    + "e.g. command: [sh, -c, \"" + s.text().replace("\"", "\\\"") + "\"]");
            return null;
        }
        List<String> argv = in.scalars("command", node.get(), "a list of arguments");
        if (argv != null && argv.isEmpty()) {
            in.error("command", "the list is empty; write e.g. command: [sh, -c, \"echo hello\"]");
            return null;
        }
        return argv;
    }

    /** A task's {@code env:} mapping of variable names to values, each checked. */
    static Map<String, String> env(MappingReader in) {
        Map<String, String> env = new LinkedHashMap<>();
        Optional<DocNode> node = in.get("env");
        if (node.isEmpty()) {
            return env;
        }
        if (!(node.get() instanceof DocNode.Mapping mapping)) {
            in.error("env", "expected a mapping of variable names to values, e.g. env: {GREETING: hi}, found "
                    + node.get().describe());
            return env;
        }
        mapping.fields().forEach((key, value) -> {
            if (!ENV_NAME.matcher(key).matches()) {
                in.error("env." + key, "'" + SuiteErrors.echo(key) + "' is not a variable name; use letters, digits and '_', "
                        + "not starting with a digit");
            } else if (value instanceof DocNode.Scalar s && s.kind() != DocNode.Kind.NULL) {
                env.put(key, s.text());
            } else {
                in.error("env." + key, "expected a text value, found " + value.describe());
            }
        });
        return env;
    }

    /** Each parameter's values, keys sorted; a scalar becomes a list of one. */
    private SortedMap<String, List<String>> params() {
        SortedMap<String, List<String>> params = new TreeMap<>();
        Optional<DocNode> node = in.get("params");
        if (node.isEmpty()) {
            return params;
        }
        if (!(node.get() instanceof DocNode.Mapping mapping)) {
            in.error("params", "expected a mapping of names to values, e.g. params: {size: [1KiB, 1MiB]}, found "
                    + node.get().describe());
            return params;
        }
        declaredParams.addAll(mapping.fields().keySet());
        mapping.fields().forEach((key, value) -> {
            String field = "params." + key;
            if (!MappingReader.NAME.matcher(key).matches()) {
                in.error(field, "'" + SuiteErrors.echo(key) + "' is not a valid parameter name; use letters, digits, '_', '.' or '-'");
                return;
            }
            if (value instanceof DocNode.Scalar s) {
                if (s.kind() == DocNode.Kind.NULL) {
                    in.error(field, "has no value; write a value or a list of values");
                } else {
                    params.put(key, List.of(s.text()));
                }
                return;
            }
            List<String> values = in.scalars(field, value, "a value or a list of values (a matrix)");
            if (values == null) {
                return;
            }
            if (values.isEmpty()) {
                in.error(field, "the list is empty; a matrix dimension needs at least one value");
                return;
            }
            Set<String> seen = new HashSet<>();
            values.stream().filter(v -> !seen.add(v)).findFirst()
                    .ifPresentOrElse(v -> in.error(field, "'" + SuiteErrors.echo(v) + "' appears twice in the list"),
                            () -> params.put(key, values));
        });
        Map<String, String> variables = new HashMap<>();
        params.keySet().forEach(key -> {
            String other = variables.putIfAbsent(CommandAction.paramVariable(key), key);
            if (other != null) {
                in.error("params." + key, "'" + SuiteErrors.echo(key) + "' and '" + SuiteErrors.echo(other) + "' both become the environment variable "
                        + CommandAction.paramVariable(key) + "; rename one");
            }
        });
        return params;
    }

    private void checkPlaceholders(String field, String text) {
        Set<String> unknown = new LinkedHashSet<>(Placeholders.names(text));
        unknown.removeAll(declaredParams);
        for (String name : unknown) {
            String shown = SuiteErrors.echo(name);
            String params = SafeText.shortened(String.join(", ", new TreeSet<>(declaredParams)), SuiteLimits.MAX_NAME_LENGTH);
            in.error(field, "unknown placeholder ${" + shown + "}; " + (declaredParams.isEmpty() ? "this task has no params"
                    : "this task's params are: " + params) + " (write $${" + shown + "} for a literal ${" + shown + "})");
        }
    }

    private static Map<String, List<String>> typeFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(BENCHMARK, BENCHMARK_FIELDS);
        fields.put(COMMAND, COMMAND_FIELDS);
        fields.put(JUNIT, JvmTaskReader.JUNIT_FIELDS);
        fields.put(JMH, JvmTaskReader.JMH_FIELDS);
        return fields;
    }

    /** The entry's name as written, for error reports, even when it is not a valid name. */
    private static String label(DocNode.Mapping mapping) {
        return mapping.fields().get("name") instanceof DocNode.Scalar s && s.kind() != DocNode.Kind.NULL ? s.text() : null;
    }
}
