package io.dtf.suite;

import static io.dtf.suite.SuiteFixtures.errors;
import static io.dtf.suite.SuiteFixtures.find;
import static io.dtf.suite.SuiteFixtures.single;
import static io.dtf.suite.SuiteFixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackReaderTest {

    @Test
    void aFallbackIsReadAsAListOrAsOneLineLikeRequires() {
        String yaml = """
                suite: s
                tasks:
                  - name: list
                    type: command
                    command: [x]
                    requires: [tag cuda, gpu.memory >= 16GiB]
                    fallback:
                      - cores >= 4
                      - memory >= 8GiB
                  - {name: line, type: command, command: [x], requires: tag cuda, fallback: cores >= 2}
                """;

        TaskSpec list = task(yaml, "list");
        assertEquals(requirements("cores >= 4", "memory >= 8GiB"), list.fallback());
        assertEquals(requirements("tag cuda", "gpu.memory >= 16GiB"), list.requirements(), "requires untouched");
        assertEquals(requirements("cores >= 2"), task(yaml, "line").fallback());
    }

    @Test
    void theDefaultsRequiresArePutBeforeEveryFallback() {
        TaskSpec gpu = task("""
                suite: s
                defaults: {requires: [os == linux]}
                tasks:
                  - {name: gpu, type: command, command: [x], requires: [tag cuda], fallback: [cores >= 4]}
                """, "gpu");

        assertEquals(requirements("os == linux", "tag cuda"), gpu.requirements());
        assertEquals(requirements("os == linux", "cores >= 4"), gpu.fallback());
    }

    @Test
    void anEntryInheritsTheDefaultsFallbackUnlessItWritesItsOwnOrAnEmptyList() {
        String yaml = """
                suite: s
                defaults: {requires: [os == linux], fallback: [cores >= 4]}
                tasks:
                  - {name: inherits, type: command, command: [x], requires: [tag cuda]}
                  - {name: own, type: command, command: [x], requires: [tag cuda], fallback: [cores >= 2]}
                  - {name: none, type: command, command: [x], requires: [tag cuda], fallback: []}
                  - {name: plain, type: command, command: [x]}
                """;

        assertEquals(requirements("os == linux", "cores >= 4"), task(yaml, "inherits").fallback());
        assertEquals(requirements("os == linux", "cores >= 2"), task(yaml, "own").fallback());
        assertEquals(List.of(), task(yaml, "none").fallback());
        assertEquals(List.of(), task(yaml, "plain").fallback(),
                "with no requires of its own, the defaults' fallback could never be used: dropped, not an error");
    }

    @Test
    void aFallbackIdenticalToRequiresIsRefused() {
        SuiteError error = single(errors("""
                suite: s
                tasks:
                  - {name: same, type: command, command: [x], requires: [tag cuda, cores >= 4], fallback: [cores >= 4, tag cuda]}
                """));

        assertEquals(List.of("same", "fallback"), List.of(error.task(), error.field()));
        assertEquals("the same as requires [tag cuda, cores >= 4], so it would never be used; a fallback is used "
                + "only while no live worker meets requires, so it must ask for less, e.g. requires: [tag cuda] "
                + "with fallback: [cores >= 8]", error.message());
    }

    @Test
    void aFallbackThatAsksForMoreThanRequiresIsRefused() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {requires: [os == linux]}
                tasks:
                  - {name: more, type: command, command: [x], requires: [cores >= 4], fallback: [cores >= 4, tag cuda]}
                  - {name: defaults-only, type: command, command: [x], fallback: [cores >= 2]}
                """);

        assertTrue(find(errors, "more", "fallback").message().startsWith("asks for all of requires [os == linux, "
                + "cores >= 4] (the defaults' included) and more, so a worker that meets it meets requires too"),
                errors::toString);
        assertTrue(find(errors, "defaults-only", "fallback").message().startsWith("asks for all of requires "
                + "[os == linux] (the defaults' included) and more"), errors::toString);
        assertEquals(2, errors.size(), errors::toString);
    }

    @Test
    void aFallbackOnATaskWithoutRequiresIsRefused() {
        SuiteError error = single(errors("""
                suite: s
                tasks:
                  - {name: free, type: command, command: [x], fallback: [cores >= 2]}
                """));

        assertEquals("fallback", error.field());
        assertTrue(error.message().startsWith("this task has no requires, so every worker meets them"), error.message());
    }

    @Test
    void contradictoryFallbackRequirementsCanNeverBeMet() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {requires: [os == linux]}
                tasks:
                  - {name: bounds, type: command, command: [x], requires: [tag cuda], fallback: [cores >= 8, cores < 4]}
                  - {name: os, type: command, command: [x], requires: [tag cuda], fallback: [os == windows]}
                """);

        assertEquals("'cores >= 8' and 'cores < 4' can never be met together: no value of cores satisfies them all",
                find(errors, "bounds", "fallback").message());
        assertEquals("'os == linux' and 'os == windows' can never be met together: no value of os satisfies them all",
                find(errors, "os", "fallback").message(), "the defaults' requires count in a fallback");
        assertEquals(2, errors.size(), errors::toString);
    }

    @Test
    void aContradictionInTheDefaultsFallbackIsReportedOnceOnTheDefaults() {
        List<SuiteError> errors = errors("""
                suite: s
                defaults: {requires: [os == linux], fallback: [os == macos]}
                tasks:
                  - {name: a, type: command, command: [x], requires: [tag cuda]}
                  - {name: b, type: command, command: [x], requires: [tag rocm]}
                """);

        SuiteError error = single(errors);
        assertEquals(List.of("defaults.fallback", 0), List.of(error.field(), error.position()));
        assertTrue(error.message().contains("can never be met together"), error.message());
    }

    @Test
    void badFallbackLinesAreReportedLikeRequiresAndNothingIsGuessedFromTheRest() {
        List<SuiteError> errors = errors("""
                suite: s
                tasks:
                  - {name: a, type: command, command: [x], requires: [cores >= 4], fallback: [cores > lots, cores >= 4]}
                  - {name: b, type: command, command: [x], requires: [tag cuda], fallback: {os: linux}}
                  - {name: c, type: command, command: [x], requires: [cores >= lots], fallback: [cores >= 2]}
                """);

        assertTrue(find(errors, "a", "fallback").message().contains("lots"), errors::toString);
        assertTrue(find(errors, "b", "fallback").message().startsWith("each requirement is one line of text"),
                errors::toString);
        assertEquals(List.of("a/fallback", "b/fallback", "c/requires"),
                errors.stream().map(e -> e.task() + "/" + e.field()).toList(),
                "no 'never used' error from a partly read list");
    }

    @Test
    void placeholdersInAFallbackAreTreatedAsInRequires() {
        TaskSpec task = task("""
                suite: s
                tasks:
                  - name: p
                    type: command
                    command: [x]
                    params: {model: [a100]}
                    requires: [tag cuda, "gpu.model == ${model}"]
                    fallback: ["gpu.model == ${model}"]
                """, "p[model=a100]");

        assertEquals(task.requirements().get(1), task.fallback().get(0));
    }

    private static List<Requirement> requirements(String... lines) {
        return Arrays.stream(lines).map(Requirement::parse).toList();
    }
}
