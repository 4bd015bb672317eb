package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnadvertisedRequirementsTest {
    private static final List<Map<String, Object>> SEEN = List.of(
            Map.of("dtf.os.family", "linux", "dtf.tags", "chrome"),
            Map.of("dtf.os.family", "windows", "dtf.gpu.memory.bytes", 17_179_869_184L, "dtf.accelerators", "cuda"));

    @Test
    void onlyAttributesAndTagsNoSeenWorkerHasAreWarnedOncePerTaskName() {
        Suite suite = new Suite("s", List.of(
                Tasks.spec("gpu[n=1]", 0, "gpu.memory >= 8GiB", "tag cuda"),
                Tasks.spec("win", 0, "os == windows"),
                named(Tasks.spec("fpga[n=1]", 0, "has dtf.fpga.model"), "fpga"),
                named(Tasks.spec("fpga[n=2]", 0, "has dtf.fpga.model"), "fpga"),
                Tasks.spec("safari", 0, "tag safari")));

        assertEquals(List.of("task fpga requires dtf.fpga.model but no node has ever advertised it: it will wait",
                "task safari requires tag safari but no node has ever advertised it: it will wait"),
                UnadvertisedRequirements.warnings(suite, SEEN));
    }

    @Test
    void aFallbackThatKnownWorkersCouldMeetNeedsNoWarning() {
        TaskSpec s = Tasks.spec("t", 0, "has dtf.fpga.model");
        TaskSpec withFallback = new TaskSpec(s.id(), s.name(), s.params(), s.action(), s.requirements(), s.priority(),
                s.timeout(), s.retries(), s.repetition(), s.retry(), List.of(Requirement.parse("os == linux")));

        assertEquals(List.of(), UnadvertisedRequirements.warnings(new Suite("s", List.of(withFallback)), SEEN));
    }

    @Test
    void beforeAnyWorkerJoinedOneWarningSaysSo() {
        assertEquals(List.of("no worker has joined the grid yet: every task waits until a matching one does"),
                UnadvertisedRequirements.warnings(new Suite("s", List.of(Tasks.spec("t", 0))), List.of()));
    }

    private static TaskSpec named(TaskSpec s, String name) {
        return new TaskSpec(s.id(), name, s.params(), s.action(), s.requirements(), s.priority(), s.timeout(),
                s.retries(), s.repetition(), s.retry(), s.fallback());
    }
}
