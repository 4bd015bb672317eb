package io.dtf.coordinator;

/** The store contract against the in-memory store that simulations and the coordinator's unit tests use. */
class InMemoryCoordinatorStoreTest extends CoordinatorStoreContract {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();

    InMemoryCoordinatorStoreTest() {
        // A write of results lasts a millisecond, as a remote one would: a batch that stored a task's final state
        // before its result would then be seen doing so.
        store.resultWriteMillis = 1;
    }

    @Override
    protected CoordinatorStore store() {
        return store;
    }

    @Override
    protected CoordinatorStore anotherCoordinator() {
        return store;
    }

    @Override
    protected void saveCheckpoint(String taskKey) {
        store.removedCheckpoints.remove(taskKey);
    }

    @Override
    protected boolean hasCheckpoint(String taskKey) {
        return !store.removedCheckpoints.contains(taskKey);
    }
}
