package io.dtf.coordinator;

import java.util.function.Consumer;

/** Starts an attempt on a worker and reports how it ended; never blocks the caller. */
public interface Dispatcher {
    void dispatch(Assignment assignment, Consumer<JobReply> onDone);
}
