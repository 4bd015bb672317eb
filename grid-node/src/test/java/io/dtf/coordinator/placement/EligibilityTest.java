package io.dtf.coordinator.placement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.dtf.coordinator.WorkerNode;
import io.dtf.requirements.Requirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EligibilityTest {
    private static final List<Requirement> CUDA = List.of(Requirement.parse("tag cuda"));
    private static final WorkerNode CPU = new WorkerNode("cpu", Map.of("dtf.tags", ""), 2);
    private static final WorkerNode GPU = new WorkerNode("gpu", Map.of("dtf.tags", "cuda", "dtf.commands", "true"), 1);

    @Test
    void aRequirementSetIsCheckedOncePerGridVersion() {
        Eligibility e = new Eligibility();
        WorkerIndex grid = WorkerIndex.of(List.of(CPU, GPU));

        Eligibility.Matching first = e.matching(grid, CUDA, false);
        Eligibility.Matching again = e.matching(grid, List.of(Requirement.parse("tag cuda")), false);

        assertSame(first, again, "an equal set written elsewhere is the same entry");
        assertArrayEquals(new int[] {1}, first.workers());
        assertEquals(1, first.slots());
        assertEquals(1, e.size());
    }

    @Test
    void aNewWorkerListInvalidatesTheCache() {
        Eligibility e = new Eligibility();
        List<WorkerNode> before = List.of(CPU);
        Eligibility.Matching none = e.matching(WorkerIndex.of(before), CUDA, false);
        WorkerIndex after = WorkerIndex.of(List.of(CPU, GPU));

        Eligibility.Matching some = e.matching(after, CUDA, false);

        assertNotSame(none, some);
        assertEquals(0, none.workers().length);
        assertArrayEquals(new int[] {1}, some.workers());
        assertEquals(1, e.size(), "the old version's entries are gone");
    }

    @Test
    void commandTasksMatchOnlyWorkersThatRunCommands() {
        Eligibility e = new Eligibility();
        WorkerIndex grid = WorkerIndex.of(List.of(CPU, GPU));
        assertArrayEquals(new int[] {1}, e.matching(grid, List.of(), true).workers());
        assertArrayEquals(new int[] {0, 1}, e.matching(grid, List.of(), false).workers());
    }

    @Test
    void theIndexIsRebuiltOnlyForANewListObject() {
        List<WorkerNode> list = List.of(CPU, GPU);
        WorkerIndex index = WorkerIndex.of(list);
        assertEquals(true, index.covers(list));
        assertEquals(false, index.covers(List.of(CPU, GPU)), "equal but not the same list: the grid changed");
    }
}
