package io.dtf.coordinator.ignite;

import io.dtf.coordinator.Cancellation;
import io.dtf.coordinator.RunRecord;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.ignite.IgniteBinary;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.cache.QueryIndex;
import org.apache.ignite.cache.QueryIndexType;

/**
 * The runs cache's rows: one Ignite binary object of type {@value #TYPE} per run, the SQL table
 * {@code DTFRUN}. Instants are epoch milliseconds; a value an earlier version wrote is JSON text of
 * {@link RunRecord}, and {@link #read} takes both (see {@link TaskRows} for why binary).
 */
public final class RunRows {
    public static final String TYPE = "DtfRun";

    public static final String RUN_ID = "runId";
    public static final String SUITE = "suite";
    /** Epoch milliseconds. */
    public static final String SUBMITTED_AT = "submittedAt";
    /** Epoch milliseconds; null while the run goes on. */
    public static final String ENDED_AT = "endedAt";
    public static final String TOTAL = "total";
    public static final String OWNER = "owner";
    /** What of the run was cancelled, as JSON text; null when nothing was. */
    public static final String CANCELLATION = "cancellation";

    private RunRows() {
    }

    /** The SQL table, indexed for the newest runs first. */
    public static QueryEntity entity() {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(RUN_ID, String.class.getName());
        fields.put(SUITE, String.class.getName());
        fields.put(SUBMITTED_AT, Long.class.getName());
        fields.put(ENDED_AT, Long.class.getName());
        fields.put(TOTAL, Integer.class.getName());
        fields.put(OWNER, String.class.getName());
        fields.put(CANCELLATION, String.class.getName());
        LinkedHashMap<String, Boolean> newestFirst = new LinkedHashMap<>();
        newestFirst.put(SUBMITTED_AT, false);
        return TaskRows.withInlineKeys(new QueryEntity(String.class.getName(), TYPE)
                .setFields(fields)
                .setIndexes(List.of(new QueryIndex(newestFirst, QueryIndexType.SORTED).setName("dtf_run_submitted")
                        .setInlineSize(TaskRows.INLINE_SIZE))));
    }

    public static BinaryObject of(IgniteBinary binary, RunRecord r) {
        return binary.builder(TYPE)
                .setField(RUN_ID, r.runId(), String.class)
                .setField(SUITE, r.suite(), String.class)
                .setField(SUBMITTED_AT, r.submittedAt() == null ? 0L : r.submittedAt().toEpochMilli(), Long.class)
                .setField(ENDED_AT, r.endedAt() == null ? null : r.endedAt().toEpochMilli(), Long.class)
                .setField(TOTAL, r.total(), Integer.class)
                .setField(OWNER, r.owner(), String.class)
                .setField(CANCELLATION, r.cancellation() == null ? null : Json.write(r.cancellation()), String.class)
                .build();
    }

    /** A run, from a binary row or from the JSON text an earlier version wrote. */
    public static RunRecord read(Object value) {
        if (value instanceof String json) {
            return Json.read(json, RunRecord.class);
        }
        BinaryObject row = (BinaryObject) value;
        Long ended = row.field(ENDED_AT);
        String cancellation = row.field(CANCELLATION);
        return new RunRecord(row.field(RUN_ID), row.field(SUITE), Instant.ofEpochMilli(row.<Long>field(SUBMITTED_AT)),
                row.<Integer>field(TOTAL), ended == null ? null : Instant.ofEpochMilli(ended),
                cancellation == null ? null : Json.read(cancellation, Cancellation.class), row.field(OWNER));
    }
}
