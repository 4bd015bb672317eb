package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.RetryPolicy;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {
    private static final Set<String> BENCHMARKS = Set.of("sha256", "matmul", "memory-bandwidth", "noop");
    private static final String SOURCE = "quickstart.yaml";

    /** The example from the format description, field for field. */
    private static final String FULL = """
            suite: quickstart
            defaults:
              timeout: 10m
              retries: 0
              priority: 0
              repeat: 1
              requires: [os == linux]
              retry: {infra: 3, backoff: 500ms, maxBackoff: 30s}
            tasks:
              - name: sha256
                type: benchmark
                benchmark: sha256
                warmup: 2
                iterations: 5
                warmupTime: 3s
                iterationTime: 200ms
                params: {size: [1KiB, 1MiB], mode: fast}
                requires: [memory >= 1GiB, tag cuda]
                priority: 5
                timeout: 30s
                retries: 1
                repeat: 3
                retry: {infra: 2, backoff: 1s, maxBackoff: 1m}
                fallback: [memory >= 1GiB]
              - name: hello
                type: command
                command: [sh, -c, "echo DTF_METRIC answer=${answer} count"]
                env: {GREETING: hi}
                workdir: .
                params: {answer: [41, 42]}
            """;

    @Test
    void aValidFullExampleLoadsEveryField() {
        Suite suite = SuiteLoader.parse(FULL, SOURCE, BENCHMARKS);

        assertEquals("quickstart", suite.name());
        assertEquals(8, suite.tasks().size());
        TaskSpec sha = suite.tasks().get(5);
        assertEquals("sha256[mode=fast,size=1MiB]#3", sha.id());
        assertEquals(new BenchmarkAction("sha256", 2, 5, Duration.ofSeconds(3), Duration.ofMillis(200)), sha.action());
        assertEquals(List.of(Requirement.parse("os == linux"), Requirement.parse("memory >= 1GiB"),
                Requirement.parse("tag cuda")), sha.requirements());
        assertEquals(5, sha.priority());
        assertEquals(Duration.ofSeconds(30), sha.timeout());
        assertEquals(1, sha.retries());
        assertEquals(3, sha.repetition());
        assertEquals(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofMinutes(1)), sha.retry());
        assertEquals(List.of(Requirement.parse("os == linux"), Requirement.parse("memory >= 1GiB")), sha.fallback());

        TaskSpec hello = suite.tasks().get(7);
        assertEquals("hello[answer=42]", hello.id());
        assertEquals(new CommandAction(List.of("sh", "-c", "echo DTF_METRIC answer=\"${DTF_PARAM_ANSWER}\" count"),
                Map.of("GREETING", "hi"), "."), hello.action());
        assertEquals(List.of(Requirement.parse("os == linux")), hello.requirements());
        assertEquals(0, hello.priority());
        assertEquals(Duration.ofMinutes(10), hello.timeout());
        assertEquals(0, hello.retries());
        assertEquals(RetryPolicy.DEFAULT, hello.retry());
        assertEquals(List.of(), hello.fallback());
    }

    @Test
    void defaultsApplyWhereAnEntryIsSilentAndBuiltInsBelowThem() {
        Suite withDefaults = SuiteLoader.parse("""
                suite: d
                defaults: {timeout: 2h, retries: 3, priority: -7, repeat: 2}
                tasks:
                  - {name: a, type: benchmark, benchmark: noop}
                  - {name: b, type: benchmark, benchmark: noop, retries: 0, repeat: 1}
                """, "d.yaml");
        TaskSpec a = withDefaults.tasks().get(0);
        assertEquals(List.of(Duration.ofHours(2), 3, -7, "a#1"), List.of(a.timeout(), a.retries(), a.priority(), a.id()));
        TaskSpec b = withDefaults.tasks().get(2);
        assertEquals(List.of(0, "b"), List.of(b.retries(), b.id()));

        TaskSpec bare = SuiteLoader.parse("suite: d\ntasks: [{name: a, type: benchmark, benchmark: noop}]", "d.yaml")
                .tasks().get(0);
        assertEquals(List.of(Duration.ofMinutes(10), 0, 0, 1), List.of(bare.timeout(), bare.retries(), bare.priority(),
                bare.repetition()));
        assertEquals(BenchmarkAction.withDefaults("noop"), bare.action(), "the worker fills in the benchmark's own");
    }

    @Test
    void everyDurationFormAndIsoAreRead() {
        Map<String, Duration> forms = Map.of("500ms", Duration.ofMillis(500), "30s", Duration.ofSeconds(30),
                "10m", Duration.ofMinutes(10), "2h", Duration.ofHours(2), "1d", Duration.ofDays(1),
                "PT30S", Duration.ofSeconds(30), "pt1h30m", Duration.ofMinutes(90));
        forms.forEach((text, expected) -> assertEquals(expected, SuiteLoader.parse(
                "suite: t\ntasks: [{name: a, type: command, command: [x], timeout: " + text + "}]", "t.yaml")
                .tasks().get(0).timeout(), text));
    }

    @Test
    void jsonInputLoadsLikeYaml() {
        Suite suite = SuiteLoader.parse("""
                {"suite": "j", "defaults": {"requires": ["cores >= 2"]},
                 "tasks": [{"name": "hello", "type": "command", "command": ["echo", "${n}"],
                            "params": {"n": [1, 2.50]}, "timeout": "PT30S"}]}
                """, "j.json");

        assertEquals(List.of("hello[n=1]", "hello[n=2.50]"), suite.tasks().stream().map(TaskSpec::id).toList());
        assertEquals(List.of("echo", "2.50"), ((CommandAction) suite.tasks().get(1).action()).argv());
        assertEquals(List.of(Requirement.parse("cores >= 2")), suite.tasks().get(0).requirements());
    }

    @Test
    void anUnderLimitFileOfNearlyFourMebibytesIsRead(@TempDir Path dir) throws IOException {
        // SnakeYAML refuses more than 3 MB by default; the loader's own limit is the one that counts.
        Path file = dir.resolve("big.yaml");
        String padding = ("# " + "x".repeat(1_000) + "\n").repeat(4_000);
        Files.writeString(file, padding + "suite: big\ntasks: [{name: a, type: command, command: [x]}]\n");
        assertTrue(Files.size(file) > 3_900_000 && Files.size(file) < SuiteLimits.MAX_FILE_BYTES);

        assertEquals("big", SuiteLoader.load(file).name());
    }

    @Test
    void aFileOverFourMebibytesIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        // Not even YAML: it must be refused on its size alone.
        Files.write(file, new byte[(int) SuiteLimits.MAX_FILE_BYTES + 1]);

        SuiteError error = single(assertThrows(SuiteValidationException.class, () -> SuiteLoader.load(file)));
        assertEquals(file.toString(), error.source());
        assertTrue(error.message().contains("4194305 bytes"), error.message());
        assertTrue(error.message().contains("the limit is 4 MiB"), error.message());

        String text = "suite: x\n# " + "é".repeat(2_100_000) + "\n";
        String message = single(assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse(text, "t.yaml")))
                .message();
        assertTrue(message.contains("4200012 bytes"), "counts UTF-8 bytes, not chars: " + message);
    }

    @Test
    void aBillionLaughsDocumentFailsFastWithAClearError() {
        StringBuilder yaml = new StringBuilder("suite: lol\nx-0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            String ref = "*l" + (level - 1);
            yaml.append("x-").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, ref))).append("]\n");
        }
        yaml.append("tasks: *l9\n");

        SuiteValidationException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse(yaml.toString(), "lol.yaml")));
        assertTrue(single(e).message().contains("YAML aliases expand this document past 100,000 values"),
                single(e).message());
    }

    @Test
    void aliasesAndMergeKeysShareSettingsBetweenTasks() {
        Suite suite = SuiteLoader.parse("""
                suite: anchors
                x-common: &common
                  type: command
                  timeout: 30s
                  requires: &linux [os == linux]
                x-short: &short 45s
                tasks:
                  - <<: *common
                    name: a
                    command: [echo, a]
                  - {<<: *common, name: b, command: [echo, b], timeout: 1m}
                  - {name: c, type: command, command: [echo, c], requires: *linux, timeout: *short}
                """, "anchors.yaml");

        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(45)),
                suite.tasks().stream().map(TaskSpec::timeout).toList());
        assertEquals(List.of(Requirement.parse("os == linux")), suite.tasks().get(2).requirements());
    }

    @Test
    void anAliasToNoAnchorIsAnError() {
        SuiteError error = errors("suite: s\ntasks: *missing\n").get(0);

        assertEquals("line 2: alias *missing refers to no anchor &missing defined before it", error.message());
    }

    @Test
    void deepNestingIsBounded() {
        String deep = "suite: x\ntasks: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n";

        SuiteError error = single(assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse(deep, "deep.yaml"))));
        assertTrue(error.message().contains("nested deeper than 32 levels"), error.message());
    }

    @Test
    void malformedYamlReportsLineAndColumn() {
        SuiteError error = single(errors("""
                suite: s
                tasks:
                  - name: a
                   type: command
                """));

        assertEquals(SOURCE, error.source());
        assertNull(error.task());
        assertTrue(error.message().startsWith("line 4, column 4: "), error.message());
        assertTrue(error.message().endsWith("the file is not valid YAML"), error.message());
        assertFalse(error.message().contains("\n"), "one line: " + error.message());
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        SuiteError error = single(errors("{\"suite\": \"j\",\n \"tasks\": [{\"name\": \"a\" \"type\": \"command\"}]}"));

        assertTrue(error.message().startsWith("line 2, column 25: "), error.message());
        assertTrue(error.message().contains("was expecting comma"), error.message());
    }

    @Test
    void emptyFilesAndOtherShapesAreRefused() {
        assertTrue(single(errors("  \n")).message().contains("the file is empty"));
        assertTrue(single(errors("# only a comment\n")).message().contains("holds no document"));
        assertTrue(single(errors("just text\n")).message().contains("a suite is a mapping"));
        assertTrue(single(errors("suite: a\ntasks: []\n---\nsuite: b\n")).message().contains("a second document"));
        assertEquals("line 2: text follows the end of the document",
                single(errors("{\"suite\": \"a\"}\n{\"suite\": \"b\"}")).message());
        assertEquals("line 3: a key must be text, not a list", single(errors("suite: s\ntasks:\n  ? [a]\n  : 1\n")).message());
    }

    @Test
    void unknownFieldsAreNamedWithTheValidOnesForThatPlace() {
        List<SuiteError> errors = errors("""
                suite: s
                owner: me
                defaults: {timout: 5m}
                tasks:
                  - {name: a, type: command, command: [x], retires: 2, x-note: ignored}
                """);

        SuiteError top = find(errors, "owner");
        assertEquals("unknown field; valid fields here: suite, defaults, tasks", top.message());
        assertNull(top.task());
        assertEquals("unknown field (did you mean 'timeout'?); valid fields here: timeout, retries, priority, repeat, "
                + "requires, retry, fallback", find(errors, "defaults.timout").message());
        SuiteError task = find(errors, "retires");
        assertEquals("a", task.task());
        assertEquals(1, task.position());
        assertTrue(task.message().startsWith("unknown field (did you mean 'retries'?); valid fields here: name, type,"),
                task.message());
        assertTrue(task.message().contains("command, env, workdir"), task.message());
        assertEquals(3, errors.size(), errors::toString);
    }

    @Test
    void wrongTypesAreReportedWithTheValueFound() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - name: a
                    type: command
                    command: {run: x}
                    retries: many
                    priority: [1]
                    repeat: 1.5
                    env: [A]
                    params: [1, 2]
                    requires: {os: linux}
                """);

        assertEquals("'many' is not a whole number; write e.g. retries: 1", find(errors, "retries").message());
        assertEquals("a list is not a whole number; write e.g. priority: 1", find(errors, "priority").message());
        assertEquals("1.5 is not a whole number; write e.g. repeat: 1", find(errors, "repeat").message());
        assertTrue(find(errors, "command").message().startsWith("expected a list of arguments, found a mapping"));
        assertTrue(find(errors, "env").message().startsWith("expected a mapping of variable names"));
        assertTrue(find(errors, "params").message().startsWith("expected a mapping of names to values"));
        assertTrue(find(errors, "requires").message().startsWith("each requirement is one line of text"));
        assertEquals(7, errors.size(), errors::toString);
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        List<SuiteError> errors = errors("""
                defaults: {}
                tasks:
                  - {type: benchmark}
                  - {name: b}
                  - {name: c, type: command}
                """);

        assertEquals("missing required field; write e.g. suite: quickstart", find(errors, "suite").message());
        SuiteError noName = find(errors, "name");
        assertNull(noName.task());
        assertEquals(1, noName.position());
        assertEquals(SOURCE + ": task #1, field 'name': missing required field; write e.g. name: sha256", noName.toString());
        assertEquals("missing required field; write e.g. benchmark: sha256", find(errors, "benchmark").message());
        assertEquals("missing required field; write type: benchmark, command, junit or jmh", find(errors, "type").message());
        assertEquals("missing required field; write e.g. command: [sh, -c, \"echo hello\"]",
                find(errors, "command").message());

        assertEquals("missing required field; list the tasks to run under 'tasks:'",
                find(errors("suite: s\n"), "tasks").message());
        assertEquals("expected a non-empty list of task entries, found an empty list",
                find(errors("suite: s\ntasks: []\n"), "tasks").message());
    }

    @Test
    void fieldsOfTheOtherTypeAreRefused() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - {name: a, type: benchmark, benchmark: noop, command: [ls], env: {A: b}}
                  - {name: b, type: command, command: [ls], warmup: 3}
                  - {name: c, type: shell, command: [ls]}
                """);

        assertEquals("'command' is a field of command tasks; this task has type benchmark", find(errors, "command").message());
        assertEquals("'env' is a field of command tasks; this task has type benchmark", find(errors, "env").message());
        assertEquals("'warmup' is a field of benchmark tasks; this task has type command", find(errors, "warmup").message());
        assertEquals("unknown type 'shell'; write type: benchmark, command, junit or jmh", find(errors, "type").message());
        assertEquals(4, errors.size(), errors::toString);
    }

    @Test
    void aSingleStringCommandAsksForAList() {
        SuiteError error = single(errors("suite: s\ntasks: [{name: a, type: command, command: \"ls -l\"}]"));

        assertEquals("a single string is not accepted; write the command as a list of arguments, "
                + "e.g. command: [sh, -c, \"ls -l\"]", error.message());
        assertEquals(List.of("a", 1, "command"), List.of(error.task(), error.position(), error.field()));
    }

    @Test
    void duplicateTaskNamesPointToTheFirstUse() {
        SuiteError error = single(errors("""
                suite: s
                tasks:
                  - {name: a, type: command, command: [x]}
                  - {name: b, type: command, command: [x]}
                  - {name: a, type: command, command: [y]}
                """));

        assertEquals(List.of("a", 3, "name"), List.of(error.task(), error.position(), error.field()));
        assertEquals("duplicate task name; task #1 already uses 'a'", error.message());
    }

    @Test
    void duplicateKeysInOneMappingAreReported() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - name: a
                    type: command
                    command: [x]
                    timeout: 1m
                    timeout: 2m
                """);

        assertEquals("line 7: key 'timeout' appears twice in the same mapping", single(errors).message());
    }

    @Test
    void aBadDurationIsReportedInTheDocumentedForm() {
        List<SuiteError> errors = errors("""
                suite: quickstart
                tasks:
                  - {name: hello, type: command, command: [x]}
                  - {name: sha256, type: benchmark, benchmark: sha256, timeout: 10 parsecs}
                """);

        assertEquals("quickstart.yaml: task 'sha256' (#2), field 'timeout': '10 parsecs' is not a duration; "
                + "write e.g. 500ms, 30s, 10m, 1h30m, 2h", single(errors).toString());
    }

    @Test
    void otherBadDurationsSayWhatIsWrong() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {timeout: 30}
                tasks:
                  - {name: a, type: command, command: [x], timeout: 0s}
                  - {name: b, type: command, command: [x], timeout: 8d}
                  - {name: c, type: command, command: [x], timeout: P1Y}
                """);

        assertEquals("30 has no unit; write e.g. 30s or 30m", find(errors, "defaults.timeout").message());
        assertEquals("'0s' is out of range; timeout must be more than 0 and at most 7d", errors.get(1).message());
        assertEquals("'8d' is out of range; timeout must be more than 0 and at most 7d", errors.get(2).message());
        assertEquals("'P1Y' is not a duration; write e.g. 500ms, 30s, 10m, 1h30m, 2h", errors.get(3).message());
    }

    @Test
    void measurementTimesTakeDurationsFromZeroAndNameTheFieldWhenWrong() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - {name: a, type: benchmark, benchmark: noop, warmupTime: 0s, iterationTime: 0s}
                  - {name: b, type: benchmark, benchmark: noop, warmupTime: 2h, iterationTime: 100}
                  - {name: c, type: benchmark, benchmark: noop, iterationTime: -5ms}
                  - {name: d, type: command, command: [x], iterationTime: 1s}
                """);

        assertEquals("'2h' is out of range; warmupTime must be at least 0ms and at most 1h",
                find(errors, "b", "warmupTime").message());
        assertEquals("100 has no unit; write e.g. 100s or 100m", find(errors, "b", "iterationTime").message());
        assertEquals("'-5ms' is not a duration; write e.g. 500ms, 30s, 10m, 1h30m, 2h", find(errors, "c", "iterationTime").message());
        assertEquals("'iterationTime' is a field of benchmark tasks; this task has type command",
                find(errors, "d", "iterationTime").message());
        assertEquals(4, errors.size(), errors::toString);
        assertEquals(new BenchmarkAction("noop", null, null, Duration.ZERO, Duration.ZERO), SuiteLoader.parse("""
                suite: s
                tasks:
                  - {name: a, type: benchmark, benchmark: noop, warmupTime: 0s, iterationTime: 0s}
                """, SOURCE, BENCHMARKS).tasks().get(0).action());
    }

    @Test
    void outOfRangeNumbersNameTheRange() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - {name: a, type: command, command: [x], retries: 101, priority: -1001, repeat: 0}
                  - {name: b, type: benchmark, benchmark: noop, iterations: 0, warmup: -1, repeat: 1001}
                  - {name: c, type: command, command: [x], retries: 99999999999999999999999}
                """);

        assertEquals("101 is out of range; retries must be between 0 and 100", find(errors, "a", "retries").message());
        assertEquals("-1001 is out of range; priority must be between -1000 and 1000", find(errors, "a", "priority").message());
        assertEquals("0 is out of range; repeat must be between 1 and 1000", find(errors, "a", "repeat").message());
        assertEquals("0 is out of range; iterations must be between 1 and 100000", find(errors, "b", "iterations").message());
        assertEquals("-1 is out of range; warmup must be between 0 and 10000", find(errors, "b", "warmup").message());
        assertEquals("1001 is out of range; repeat must be between 1 and 1000", find(errors, "b", "repeat").message());
        assertEquals("99999999999999999999999 is out of range; retries must be between 0 and 100",
                find(errors, "c", "retries").message());
        assertEquals(7, errors.size(), errors::toString);
    }

    @Test
    void requirementSyntaxErrorsCarryTheParsersMessage() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {requires: [ram >= 1GiB]}
                tasks:
                  - {name: a, type: command, command: [x], requires: [cuda, memory >= 16GiG]}
                """);

        assertTrue(find(errors, "defaults.requires").message().contains("unknown attribute 'ram'"));
        List<SuiteError> task = errors.stream().filter(e -> "a".equals(e.task())).toList();
        assertEquals(2, task.size());
        assertTrue(task.get(0).message().contains("did you mean 'tag cuda'"), task.get(0).message());
        assertTrue(task.get(1).message().contains("unknown unit in '16GiG'"), task.get(1).message());
        assertTrue(task.stream().allMatch(e -> e.field().equals("requires")));
    }

    @Test
    void anUnknownPlaceholderIsNamed() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - name: a
                    type: command
                    command: [echo, "${anwser}"]
                    env: {X: "${y}"}
                    workdir: "${z}"
                    params: {answer: [1, 2]}
                  - {name: b, type: command, command: [echo, "${HOME}"]}
                """);

        assertEquals("unknown placeholder ${anwser}; this task's params are: answer (write $${anwser} for a literal "
                + "${anwser})", find(errors, "command").message());
        assertTrue(find(errors, "env.X").message().startsWith("unknown placeholder ${y}"));
        assertTrue(find(errors, "workdir").message().startsWith("unknown placeholder ${z}"));
        assertTrue(find(errors, "b", "command").message().contains("this task has no params"));
    }

    @Test
    void aWorkdirThatLeavesTheAttemptsDirectoryIsRefusedWithTheFieldAndTheFix() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - {name: up, type: command, command: [cat, passwd], workdir: ../../etc}
                  - {name: hidden, type: command, command: [ls], workdir: "build/../../.."}
                  - {name: windows, type: command, command: [dir], workdir: '..\\..\\Windows'}
                  - {name: via-param, type: command, command: [ls], workdir: "${dir}", params: {dir: [ok, ../x]}}
                  - {name: fine, type: command, command: [ls], workdir: "a/../b/./c"}
                """);

        assertEquals("'../../etc' leaves the attempt's own directory through '..'; use a path inside it (e.g. 'build'),"
                + " or an absolute path under a directory the worker allows (dtf node --attr dtf.workdir.roots=DIR)",
                find(errors, "up", "workdir").message());
        assertTrue(find(errors, "hidden", "workdir").message().startsWith("'build/../../..' leaves"));
        assertTrue(find(errors, "windows", "workdir").message().startsWith("'..\\..\\Windows' leaves"));
        assertTrue(find(errors, "via-param", "workdir").message().startsWith("'../x' leaves"));
        assertEquals(4, errors.size(), errors.toString());
    }

    @Test
    void emptyMatrixListsAndBadParamValuesAreRefused() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - name: a
                    type: command
                    command: [echo, "${size}"]
                    params: {size: [], mode: {fast: true}, n: [1, 1], "bad name": 1, none: ~, nested: [[1]]}
                """);

        assertEquals("the list is empty; a matrix dimension needs at least one value", find(errors, "params.size").message());
        assertTrue(find(errors, "params.mode").message().contains("found a mapping"));
        assertEquals("'1' appears twice in the list", find(errors, "params.n").message());
        assertTrue(find(errors, "params.bad name").message().contains("not a valid parameter name"));
        assertEquals("has no value; write a value or a list of values", find(errors, "params.none").message());
        assertTrue(find(errors, "params.nested").message().contains("found a list in the list"));
        assertEquals(6, errors.size(), "no placeholder error for a declared but broken param: " + errors);
    }

    @Test
    void contradictoryRequirementsCanNeverBeMet() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - {name: cores, type: command, command: [x], requires: [cores >= 8, cores < 4]}
                  - {name: os, type: command, command: [x], requires: [os == linux, os == Windows]}
                  - {name: memory, type: command, command: [x], requires: [memory > 16GiB, memory <= 16GiB]}
                  - {name: exact, type: command, command: [x], requires: [cores == 4, cores != 4]}
                  - {name: vendor, type: command, command: [x], requires: ["gpu.vendor in [amd, intel]", gpu.vendor == nvidia]}
                """);

        assertEquals("'cores >= 8' and 'cores < 4' can never be met together: no value of cores satisfies them all",
                find(errors, "cores", "requires").message());
        assertEquals("'os == linux' and 'os == Windows' can never be met together: no value of os satisfies them all",
                find(errors, "os", "requires").message());
        assertTrue(find(errors, "memory", "requires").message().contains("can never be met"));
        assertTrue(find(errors, "exact", "requires").message().contains("can never be met"));
        assertTrue(find(errors, "vendor", "requires").message().contains("can never be met"));
        assertEquals(5, errors.size(), errors::toString);
    }

    @Test
    void aTaskContradictingTheDefaultsIsReportedOnTheTask() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {requires: [os == linux]}
                tasks:
                  - {name: win, type: command, command: [x], requires: [os == windows]}
                """);

        SuiteError error = single(errors);
        assertEquals(List.of("win", "requires"), List.of(error.task(), error.field()));
        assertTrue(error.message().contains("can never be met"), error.message());
    }

    @Test
    void satisfiableBoundsAndDifferentKeysAreAccepted() {
        Suite suite = SuiteLoader.parse("""
                suite: s
                tasks:
                  - name: ok
                    type: command
                    command: [x]
                    requires:
                      - cores >= 4
                      - cores <= 4
                      - os == Linux
                      - os == linux
                      - os != windows
                      - threads > 2
                      - threads < 3
                      - gpu.vendor in [amd, nvidia]
                      - gpu.vendor == NVIDIA
                      - tag a
                      - tag b
                """, "s.yaml");

        assertEquals(11, suite.tasks().get(0).requirements().size());
    }

    @Test
    void anUnknownBenchmarkIsAnErrorOnlyWhenTheCallerKnowsTheNames() {
        String yaml = "suite: s\ntasks: [{name: a, type: benchmark, benchmark: sha265}]\n";

        assertEquals("sha265", ((BenchmarkAction) SuiteLoader.parse(yaml, SOURCE).tasks().get(0).action()).benchmark());
        SuiteError listed = single(assertThrows(SuiteValidationException.class,
                () -> SuiteLoader.parse(yaml, SOURCE, BENCHMARKS)));
        assertEquals("benchmark", listed.field());
        assertEquals("unknown benchmark 'sha265' (did you mean 'sha256'?); known benchmarks: matmul, "
                + "memory-bandwidth, noop, sha256", listed.message());
        SuiteError checked = single(assertThrows(SuiteValidationException.class,
                () -> SuiteLoader.parse(yaml, SOURCE, name -> name.startsWith("mat"))));
        assertEquals("unknown benchmark 'sha265'", checked.message());
    }

    @Test
    void aMatrixPastTheEntryLimitIsRefusedWithItsCount() {
        String values = IntStream.range(0, 101).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        SuiteError error = single(errors("suite: s\ntasks:\n  - {name: big, type: command, command: [x], params: {a: ["
                + values + "], b: [" + values + "]}}\n"));

        assertEquals(List.of("big", "params"), List.of(error.task(), error.field()));
        assertEquals("expands to 10,201 tasks = 101 (a) * 101 (b) * 1 (repeat); the limit is 10,000 per entry",
                error.message());
    }

    @Test
    void aSuitePastTheTotalLimitIsRefusedWithItsCount() {
        StringBuilder yaml = new StringBuilder("suite: s\ntasks:\n");
        String values = IntStream.range(0, 100).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        for (int i = 0; i < 11; i++) {
            yaml.append("  - {name: t").append(i).append(", type: command, command: [x], repeat: 100, params: {a: [")
                    .append(values).append("]}}\n");
        }

        SuiteError error = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> single(errors(yaml.toString())));
        assertEquals("tasks", error.field());
        assertEquals("the suite expands to 110,000 tasks; the limit is 100,000", error.message());
    }

    @Test
    void everyErrorIsCollectedNotOnlyTheFirst() {
        List<SuiteError> errors = errors("""
                suite: bad name
                defaults: {retries: -1}
                tasks:
                  - {name: a, type: benchmark, benchmark: noop, timeout: soon}
                  - {name: b, type: command, command: ls}
                  - {name: a, type: command, command: [ls], requires: [cores > lots]}
                """);

        assertEquals(List.of("suite", "defaults.retries", "timeout", "command", "requires", "name"),
                errors.stream().map(SuiteError::field).toList());
    }

    @Test
    void aMissingOrNonUtf8FileIsAnError(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.yaml");
        assertEquals("no such file", single(assertThrows(SuiteValidationException.class,
                () -> SuiteLoader.load(missing))).message());

        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'s', 'u', 'i', 't', 'e', ':', ' ', (byte) 0xE9, '\n'});
        assertEquals("the file is not UTF-8 text", single(assertThrows(SuiteValidationException.class,
                () -> SuiteLoader.load(latin1))).message());
    }

    @Test
    void theExceptionCarriesTheExitCodeAndEveryErrorInItsMessage() {
        SuiteValidationException e = assertThrows(SuiteValidationException.class,
                () -> SuiteLoader.parse("suite: s\ntasks: [{name: a}, {name: b}]", SOURCE));

        assertEquals(3, SuiteValidationException.EXIT_CODE);
        assertInstanceOf(RuntimeException.class, e);
        assertTrue(e.getMessage().startsWith("2 errors in suite:\n  quickstart.yaml: task 'a' (#1), field 'type'"),
                e.getMessage());
    }

    @Test
    void theQuickstartExampleIsValidAndSmall() {
        Path file = repositoryRoot().resolve("examples/quickstart.yaml");

        Suite suite = SuiteLoader.load(file, BENCHMARKS);

        assertEquals("quickstart", suite.name());
        assertTrue(suite.tasks().size() >= 5 && suite.tasks().size() <= 30, "tasks: " + suite.tasks().size());
        Set<String> benchmarks = suite.tasks().stream().map(TaskSpec::action).filter(BenchmarkAction.class::isInstance)
                .map(a -> ((BenchmarkAction) a).benchmark()).collect(Collectors.toSet());
        assertEquals(Set.of("sha256", "matmul", "memory-bandwidth"), benchmarks);
        assertTrue(suite.tasks().stream().anyMatch(t -> t.action() instanceof CommandAction && t.params().isEmpty()));
        assertTrue(suite.tasks().stream().anyMatch(t -> t.action() instanceof CommandAction && !t.params().isEmpty()));
        Map<String, Object> linux = Map.of("dtf.os.family", "linux", "dtf.cpu.cores", 2, "dtf.cpu.threads", 2,
                "dtf.memory.bytes", 2L << 30);
        suite.tasks().forEach(t -> t.requirements().forEach(r -> assertTrue(r.test(linux),
                t.id() + " needs " + r.expression() + ", which a 2-core linux machine does not have")));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder with examples/ above " + Path.of("").toAbsolutePath());
    }

    private static List<SuiteError> errors(String yaml) {
        return assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse(yaml, SOURCE, BENCHMARKS)).errors();
    }

    private static SuiteError single(SuiteValidationException e) {
        return single(e.errors());
    }

    private static SuiteError single(List<SuiteError> errors) {
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    private static SuiteError find(List<SuiteError> errors, String field) {
        return errors.stream().filter(e -> field.equals(e.field())).findFirst()
                .orElseThrow(() -> new AssertionError("no error on field '" + field + "' in " + errors));
    }

    private static SuiteError find(List<SuiteError> errors, String task, String field) {
        return errors.stream().filter(e -> task.equals(e.task()) && field.equals(e.field())).findFirst()
                .orElseThrow(() -> new AssertionError("no error on task '" + task + "', field '" + field + "' in " + errors));
    }

    @Test
    void anExplicitTagIsReadAsWrittenEvenOneThatDecodesToBlanks() {
        // Found by fuzzing: '!%F' made SnakeYAML's Tag throw its own IllegalArgumentException.
        assertTrue(single(errors("!%F")).message().contains("a suite is a mapping"));
        assertEquals(2, SuiteFixtures.task("suite: t\ntasks: [{name: a, type: command, command: [x], retries: !!int 2}]", "a").retries());
        assertEquals(1, SuiteFixtures.task("suite: t\ntasks: [{name: a, type: command, command: [x], retries: !!str 1}]", "a").retries());
    }

    @Test
    void anEscapeCutShortIsASyntaxErrorNotTheYamlReadersOwnException() {
        // Found by fuzzing: SnakeYAML's scanner threw NumberFormatException for a backslash-u escape with no digits.
        String message = single(errors("suite: \"s\\u")).message();

        assertTrue(message.contains("not valid YAML"), message);
    }
}
