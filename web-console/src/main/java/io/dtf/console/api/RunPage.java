package io.dtf.console.api;

import io.dtf.live.Page;
import io.dtf.model.RunView;
import java.util.List;

/** A page of runs, newest first: {@code total} match in all, {@code offset} come before these. */
public record RunPage(List<RunView> items, long total, int offset, int limit) {
    static RunPage of(Page<RunView> page) {
        return new RunPage(page.items(), page.total(), page.offset(), page.limit());
    }
}
