package io.dtf.coordinator.ignite;

import io.dtf.coordinator.RetryState;
import io.dtf.coordinator.TaskRecord;
import io.dtf.model.TaskState;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.ignite.IgniteBinary;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.cache.QueryIndex;
import org.apache.ignite.cache.QueryIndexType;
import org.apache.ignite.internal.processors.query.QueryEntityEx;

/**
 * The tasks cache's rows: one Ignite binary object of type {@value #TYPE} per task (its spec stays in
 * the specs cache), which is also the SQL table {@code DTFTASK} the console pages through.
 *
 * <p>Binary rather than JSON so that Ignite SQL can index and filter the fields; built with a
 * builder, not from a class, because the binary marshaller cannot build Java records. A value an
 * earlier version wrote is JSON text of {@link StoredTask}: {@link #read} takes both.
 */
public final class TaskRows {
    /** The binary type name, and so the SQL table's name. */
    public static final String TYPE = "DtfTask";

    public static final String RUN_ID = "runId";
    public static final String TASK_ID = "taskId";
    public static final String NAME = "name";
    /**
     * The suite, in rows earlier versions wrote; null in rows written now, as it is the run's suite
     * (see {@link RunRows#SUITE}) and was the same text in every state row of the run.
     */
    public static final String SUITE = "suite";
    /** Submission order across the grid ({@code order} is an SQL keyword). */
    public static final String ORD = "ord";
    public static final String PRIORITY = "priority";
    /** A {@link TaskState} name. */
    public static final String STATE = "state";
    public static final String ATTEMPTS = "attempts";
    public static final String NODE_ID = "nodeId";
    public static final String HW_CLASS = "hwClass";
    /** Epoch milliseconds of the last state change. */
    public static final String UPDATED_AT = "updatedAt";
    public static final String ATTEMPT_ID = "attemptId";
    /** The retry state as JSON text, null when no attempt has failed yet. */
    public static final String RETRY = "retry";

    /**
     * Bytes of each index entry kept in the index itself, for the table's index and for its primary
     * key index (on the cache key) alike. Keys and run ids share long prefixes (a run id starts with
     * its suite's name), so with Ignite's default an insert compared most entries by reading their
     * rows from the data pages: the larger part of the write cost of indexing. The primary key index
     * does not take the cache's {@code sqlIndexMaxInlineSize}: without its own setting it kept 10
     * bytes, 7 characters of a key, and so read a row for nearly every comparison.
     */
    public static final int INLINE_SIZE = 128;

    private TaskRows() {
    }

    /**
     * The SQL table, with one index: a run's tasks in a set of states in submission order. A page of
     * all states uses its run prefix and sorts by {@code ord}: a second index for that would cost
     * every task write one more index update (see docs/PERFORMANCE.md on the write cost).
     */
    public static QueryEntity entity() {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (String text : List.of(RUN_ID, TASK_ID, NAME, SUITE, STATE, NODE_ID, HW_CLASS, ATTEMPT_ID, RETRY)) {
            fields.put(text, String.class.getName());
        }
        fields.put(ORD, Long.class.getName());
        fields.put(PRIORITY, Integer.class.getName());
        fields.put(ATTEMPTS, Integer.class.getName());
        fields.put(UPDATED_AT, Long.class.getName());
        return withInlineKeys(new QueryEntity(String.class.getName(), TYPE)
                .setFields(fields)
                .setIndexes(List.of(index("dtf_task_run_state_ord", RUN_ID, STATE, ORD))));
    }

    /**
     * {@code entity} with its primary key index inlining {@value #INLINE_SIZE} bytes of each key. The
     * public {@link QueryEntity} has no such setting in Ignite 2.17; its internal subclass, which
     * {@code CREATE TABLE ... WITH "PK_INLINE_SIZE=..."} fills, has.
     */
    static QueryEntity withInlineKeys(QueryEntity entity) {
        return new QueryEntityEx(entity).setPrimaryKeyInlineSize(INLINE_SIZE);
    }

    static QueryIndex index(String name, String... fields) {
        LinkedHashMap<String, Boolean> ascending = new LinkedHashMap<>();
        for (String field : fields) {
            ascending.put(field, true);
        }
        return new QueryIndex(ascending, QueryIndexType.SORTED).setName(name).setInlineSize(INLINE_SIZE);
    }

    /** The row of {@code t}: the fields the console reads and a new coordinator needs, no more (not the suite). */
    public static BinaryObject of(IgniteBinary binary, TaskRecord t) {
        return binary.builder(TYPE)
                .setField(RUN_ID, t.runId(), String.class)
                .setField(TASK_ID, t.spec().id(), String.class)
                .setField(NAME, t.spec().name(), String.class)
                .setField(ORD, t.order(), Long.class)
                .setField(PRIORITY, t.spec().priority(), Integer.class)
                .setField(STATE, t.state().name(), String.class)
                .setField(ATTEMPTS, t.attempts(), Integer.class)
                .setField(NODE_ID, t.nodeId(), String.class)
                .setField(HW_CLASS, t.hwClass(), String.class)
                .setField(UPDATED_AT, t.updatedAt() == null ? 0L : t.updatedAt().toEpochMilli(), Long.class)
                .setField(ATTEMPT_ID, t.attemptId(), String.class)
                .setField(RETRY, t.retry() == RetryState.NONE ? null : Json.write(t.retry()), String.class)
                .build();
    }

    /**
     * A stored task, from a binary row or from the JSON text an earlier version wrote; its suite is null
     * when the row does not carry it (the caller takes the run's).
     */
    static StoredTask read(Object value) {
        if (value instanceof String json) {
            return Json.read(json, StoredTask.class);
        }
        BinaryObject row = (BinaryObject) value;
        String retry = row.field(RETRY);
        Long updated = row.field(UPDATED_AT);
        return new StoredTask(row.field(RUN_ID), row.field(SUITE), row.<Long>field(ORD),
                TaskState.valueOf(row.field(STATE)), row.<Integer>field(ATTEMPTS), row.field(NODE_ID),
                row.field(HW_CLASS), updated == null ? null : Instant.ofEpochMilli(updated), row.field(ATTEMPT_ID),
                retry == null ? null : Json.read(retry, RetryState.class));
    }
}
