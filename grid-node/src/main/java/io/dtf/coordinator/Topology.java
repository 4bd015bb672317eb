package io.dtf.coordinator;

import java.util.List;

/** The live workers ready for work, read fresh at every scheduling round. */
public interface Topology {
    List<WorkerNode> liveWorkers();
}
