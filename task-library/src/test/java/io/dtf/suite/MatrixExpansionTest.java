package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.RetryPolicy;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixExpansionTest {

    @Test
    void twoListsExpandToEveryCombination() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - name: train
                    type: benchmark
                    benchmark: matmul
                    params: {model: [a, b], batch: [1, 8]}
                """);

        assertEquals(List.of("train[batch=1,model=a]", "train[batch=1,model=b]",
                "train[batch=8,model=a]", "train[batch=8,model=b]"), ids(suite));
        assertEquals(Map.of("model", "b", "batch", "8"), suite.tasks().get(3).params());
        suite.tasks().forEach(t -> {
            assertEquals("train", t.name());
            assertEquals(1, t.repetition());
            assertEquals(BenchmarkAction.withDefaults("matmul"), t.action());
        });
    }

    @Test
    void anEntryWithoutParamsOrRepeatKeepsItsName() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - {name: once, type: command, command: [true]}
                """);

        assertEquals(List.of("once"), ids(suite));
        assertEquals(Map.of(), suite.tasks().get(0).params());
    }

    @Test
    void aScalarParamStaysInParamsAndInTheId() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - name: sha
                    type: benchmark
                    benchmark: sha256
                    params: {size: [1KiB, 1MiB], mode: fast}
                """);

        assertEquals(List.of("sha[mode=fast,size=1KiB]", "sha[mode=fast,size=1MiB]"), ids(suite));
        assertEquals(Map.of("mode", "fast", "size", "1MiB"), suite.tasks().get(1).params());
    }

    @Test
    void repeatCopiesEachCombinationWithA1BasedSuffix() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - {name: r, type: command, command: [true], params: {n: [1, 2]}, repeat: 3}
                  - {name: plain, type: command, command: [true], repeat: 2}
                """);

        assertEquals(List.of("r[n=1]#1", "r[n=1]#2", "r[n=1]#3", "r[n=2]#1", "r[n=2]#2", "r[n=2]#3",
                "plain#1", "plain#2"), ids(suite));
        assertEquals(List.of(1, 2, 3, 1, 2, 3, 1, 2), suite.tasks().stream().map(TaskSpec::repetition).toList());
    }

    @Test
    void inAShellScriptAPlaceholderBecomesAQuotedReferenceToItsVariable() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - name: hello
                    type: command
                    command: [bash, -ec, "echo ${answer} \\"${answer}\\" '${answer}'; echo $${HOME}", "${answer}"]
                    params: {answer: "$(id)"}
                """);

        assertEquals(List.of("bash", "-ec", "echo \"${DTF_PARAM_ANSWER}\" \"${DTF_PARAM_ANSWER}\" "
                + "''\"${DTF_PARAM_ANSWER}\"''; echo ${HOME}", "$(id)"),
                ((CommandAction) suite.tasks().get(0).action()).argv(),
                "the script refers to the variable; the positional argument after it is plain text");
    }

    @Test
    void placeholdersAreReplacedInArgumentsEnvironmentAndWorkdir() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - name: hello
                    type: command
                    command: [echo, "answer=${answer}", "$${HOME}"]
                    env: {ANSWER: "${answer}", FIXED: "1"}
                    workdir: "runs/${answer}"
                    params: {answer: [41, 42]}
                """);

        CommandAction second = (CommandAction) suite.tasks().get(1).action();
        assertEquals(List.of("echo", "answer=42", "${HOME}"), second.argv());
        assertEquals(Map.of("ANSWER", "42", "FIXED", "1"), second.env());
        assertEquals("runs/42", second.workdir());
        assertEquals("runs/41", ((CommandAction) suite.tasks().get(0).action()).workdir());
    }

    @Test
    void valuesKeepTheTextAsWritten() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - {name: v, type: command, command: [echo, "${v}"], params: {v: [1.10, 0x1F, true, on, "007"]}}
                """);

        assertEquals(List.of("v[v=1.10]", "v[v=0x1F]", "v[v=true]", "v[v=on]", "v[v=007]"), ids(suite));
    }

    @Test
    void substitutionRefusesAnUnknownName() {
        assertThrows(IllegalArgumentException.class, () -> Placeholders.substitute("${b}", Map.of("a", "1")));
        assertEquals("x${a}y", Placeholders.substitute("x$${a}y", Map.of()));
        assertEquals("$1 ${", Placeholders.substitute("$1 ${", Map.of()), "an unclosed '${' is left as written");
    }

    @Test
    void everyListAndTheRepeatMultiplyTheTaskCount() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - {name: c, type: command, command: [true], params: {a: [1, 2, 3], b: [x, y], c: z}, repeat: 4}
                """);

        assertEquals(24, suite.tasks().size());
        assertEquals(24, suite.tasks().stream().map(TaskSpec::id).distinct().count());
    }

    @Test
    void everyExpansionCarriesTheEntrysRetryPolicyAndFallback() {
        Suite suite = parse("""
                suite: m
                tasks:
                  - name: gpu
                    type: command
                    command: [echo, "${n}"]
                    params: {n: [1, 2]}
                    repeat: 2
                    requires: [tag cuda]
                    retry: {infra: 1, backoff: 2s}
                    fallback: [cores >= 4]
                """);

        assertEquals(4, suite.tasks().size());
        suite.tasks().forEach(t -> {
            assertEquals(new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(30)), t.retry(), t.id());
            assertEquals(List.of(Requirement.parse("cores >= 4")), t.fallback(), t.id());
        });
    }

    private static Suite parse(String yaml) {
        return SuiteLoader.parse(yaml, "m.yaml");
    }

    private static List<String> ids(Suite suite) {
        return suite.tasks().stream().map(TaskSpec::id).toList();
    }
}
