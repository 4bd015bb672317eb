package io.dtf.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.Optional;
import org.apache.ignite.binary.BinaryObject;

/**
 * Reads a tasks-cache entry (read with {@code withKeepBinary()}) into a {@link LiveEvent.Task}. The
 * value comes in one of two forms: JSON text of the coordinator's stored task (no task id: it is the
 * key's part after {@code runId/}; {@code updatedAt} in epoch seconds with a fraction, or ISO text),
 * or an Ignite binary object with fields {@code runId, taskId, state, attempts, nodeId, updatedAt}
 * (epoch milliseconds). Anything else answers empty: the feed skips what it cannot read.
 */
final class TaskStateDecoder {
    private TaskStateDecoder() {
    }

    static Optional<LiveEvent.Task> decode(Object key, Object value) {
        try {
            if (value instanceof BinaryObject binary) {
                return fromBinary(binary);
            }
            if (value instanceof String json && key instanceof String taskKey) {
                return fromJson(taskKey, json);
            }
        } catch (RuntimeException e) {
            // a value of another shape: not a task state this console can show
        }
        return Optional.empty();
    }

    private static Optional<LiveEvent.Task> fromBinary(BinaryObject b) {
        String runId = b.field("runId");
        String taskId = b.field("taskId");
        String state = b.field("state");
        if (runId == null || taskId == null || state == null) {
            return Optional.empty();
        }
        Number attempts = b.field("attempts");
        Number updatedAt = b.field("updatedAt");
        return Optional.of(new LiveEvent.Task(runId, taskId, state, attempts == null ? 0 : attempts.intValue(),
                b.field("nodeId"), updatedAt == null ? null : Instant.ofEpochMilli(updatedAt.longValue())));
    }

    private static Optional<LiveEvent.Task> fromJson(String key, String json) {
        JsonNode n = Json.read(json, JsonNode.class);
        String runId = text(n, "runId");
        String state = text(n, "state");
        if (runId == null || state == null || !key.startsWith(runId + "/")) {
            return Optional.empty();
        }
        String taskId = key.substring(runId.length() + 1);
        return Optional.of(new LiveEvent.Task(runId, taskId, state, n.path("attempts").asInt(0), text(n, "nodeId"),
                instant(n.get("updatedAt"))));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Jackson writes instants as epoch seconds with nanoseconds ({@code 1795870262.729000000}) or as ISO text. */
    private static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli(Math.round(v.doubleValue() * 1000)); // milliseconds are all a page shows
        }
        return Instant.parse(v.asText());
    }
}
