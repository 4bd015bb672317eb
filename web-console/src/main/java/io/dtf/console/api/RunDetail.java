package io.dtf.console.api;

import io.dtf.model.RunView;
import java.util.List;

/**
 * A run with why its queued tasks wait.
 *
 * @param waiting the reasons queued tasks give, most common first, counted over the first
 *                {@value RunRoutes#WAITING_SAMPLE} queued tasks
 */
public record RunDetail(RunView run, List<WaitReason> waiting) {
    /** {@code tasks} queued tasks wait because of {@code reason}. */
    public record WaitReason(String reason, int tasks) {
    }
}
