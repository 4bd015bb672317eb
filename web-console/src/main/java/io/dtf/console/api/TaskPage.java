package io.dtf.console.api;

import io.dtf.live.Page;
import io.dtf.model.TaskView;
import java.util.List;

/** A page of a run's tasks in submission order: {@code total} match in all, {@code offset} come before these. */
public record TaskPage(List<TaskView> items, long total, int offset, int limit) {
    static TaskPage of(Page<TaskView> page) {
        return new TaskPage(page.items(), page.total(), page.offset(), page.limit());
    }
}
