package io.dtf.model;

import java.util.List;

/** A named list of expanded tasks: what a client submits and the coordinator runs as one run. */
public record Suite(String name, List<TaskSpec> tasks) {
    public Suite {
        tasks = List.copyOf(tasks);
    }
}
