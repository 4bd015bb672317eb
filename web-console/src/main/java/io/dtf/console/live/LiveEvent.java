package io.dtf.console.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dtf.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One change pushed on {@code /ws}, as it appears in a frame's {@code events} list. The
 * {@code type} field says which kind it is; docs/CONSOLE.md, "Live updates (WebSocket)", lists them.
 */
public sealed interface LiveEvent {

    /** A task moved to {@code state}; {@code at} is when the coordinator recorded it. */
    @JsonPropertyOrder({"type", "runId", "taskId", "state", "attempts", "nodeId", "at"})
    record Task(String runId, String taskId, String state, int attempts, String nodeId, Instant at)
            implements LiveEvent {
        @JsonProperty("type")
        public String type() {
            return "task";
        }

        /** The task's key in the tasks cache: {@code runId/taskId}. */
        String key() {
            return runId + "/" + taskId;
        }
    }

    /** A run's progress: how many of its tasks are in each state; {@code endedAt} once it ended. */
    @JsonPropertyOrder({"type", "runId", "suite", "total", "counts", "endedAt"})
    record Run(String runId, String suite, int total, Map<TaskState, Integer> counts, Instant endedAt)
            implements LiveEvent {
        @JsonProperty("type")
        public String type() {
            return "run";
        }
    }

    /** A node joined the grid, left it, or failed ({@code change}: joined, left, failed). */
    @JsonPropertyOrder({"type", "change", "nodeId", "roles", "hwClass", "at"})
    record Node(String change, String nodeId, List<String> roles, String hwClass, Instant at) implements LiveEvent {
        @JsonProperty("type")
        public String type() {
            return "node";
        }
    }

    /** An alert the coordinator raised (a worker quarantined, say). */
    @JsonPropertyOrder({"type", "at", "subject", "message"})
    record Alert(Instant at, String subject, String message) implements LiveEvent {
        @JsonProperty("type")
        public String type() {
            return "alert";
        }
    }
}
