package io.dtf.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.flaky.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every attempt of every task in a results database as an {@link Outcome}, for flaky-test,
 * failure-signature and hardware-correlation analysis.
 *
 * <ul>
 *   <li>test: the task's name with its params, {@code copy [size=1M]} (as a series names its benchmark);
 *   <li>commit: the result's commit when known, else its run: attempts in one run ran the same code;
 *   <li>hardware: the hardware class; attributes: the node's {@code dtf.*} attributes (table
 *       {@code nodes}) under their short names ({@code cores}, {@code memory}), byte counts rounded to
 *       whole GiB ({@code 16GiB}) so that nodes of one size group together. Left out: the hardware
 *       class (the analysis adds it as {@code hardware}), free disk (it changes all the time) and
 *       CPU flags (one long value per CPU model, which the model already says);
 *   <li>node: the node that ran it; status and category: the attempt's, the category read from
 *       {@code failure_category} (rows written before it existed get the default for their status,
 *       see {@link Outcome}). {@code CANCELLED} attempts, and any row not yet ended, are no outcome
 *       and left out. The error is the attempt's error, else its status.
 * </ul>
 *
 * <pre>{@code
 * try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(file)) {
 *     List<Outcome> outcomes = new OutcomeReader(store).read();
 * }
 * }</pre>
 */
public final class OutcomeReader {
    private static final String OUTCOMES = """
            SELECT r.task_name, r.params, coalesce(c.commit, r.run_id), r.hw_class, n.attributes::VARCHAR,
                   r.status, r.error, r.node_id, r.failure_category
            FROM results r
            LEFT JOIN result_context c ON c.seq = r.seq
            LEFT JOIN nodes n ON n.node_id = r.node_id
            WHERE r.status IS NULL OR r.status NOT IN ('CANCELLED', 'QUEUED', 'RUNNING')
            ORDER BY r.seq""";
    private static final Set<String> LEFT_OUT =
            Set.of(HardwareKeys.HW_CLASS, HardwareKeys.DISK_FREE_BYTES, HardwareKeys.CPU_FLAGS);
    private static final Map<String, String> SHORT_NAMES = HardwareKeys.aliases().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final DuckDbResultStore store;

    public OutcomeReader(DuckDbResultStore store) {
        this.store = store;
    }

    /** Every outcome, in seq order. */
    public List<Outcome> read() {
        return store.query(connection -> {
            List<Outcome> outcomes = new ArrayList<>();
            Map<String, Map<String, String>> parsed = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(OUTCOMES);
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String json = rs.getString(5);
                    Map<String, String> attributes = json == null ? Map.of()
                            : parsed.computeIfAbsent(json, OutcomeReader::attributes);
                    String error = rs.getString(7) != null ? rs.getString(7) : rs.getString(6);
                    outcomes.add(new Outcome(test(rs.getString(1), rs.getObject(2)), rs.getString(3), rs.getString(4),
                            rs.getString(8), attributes, known(TaskState.class, rs.getString(6)),
                            known(FailureCategory.class, rs.getString(9)), error));
                }
            }
            return outcomes;
        });
    }

    /** The constant of that name; null for none, or for one a newer DTF wrote: reading must not fail on it. */
    private static <E extends Enum<E>> E known(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** {@code name [k=v, k=v]}, params sorted by key. */
    static String test(String name, Object params) {
        Map<String, String> sorted = new TreeMap<>();
        if (params instanceof Map<?, ?> map) {
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return sorted.isEmpty() ? name : name + " [" + sorted.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + "]";
    }

    /** The stored {@code dtf.*} attributes under short names, byte counts in whole GiB. */
    static Map<String, String> attributes(String json) {
        Map<String, String> stored;
        try {
            stored = JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable node attributes " + json, e);
        }
        Map<String, String> out = new TreeMap<>();
        stored.forEach((key, value) -> {
            if (LEFT_OUT.contains(key) || value == null) {
                return;
            }
            String name = SHORT_NAMES.getOrDefault(key, key.startsWith(HardwareKeys.PREFIX)
                    ? key.substring(HardwareKeys.PREFIX.length()) : key);
            out.put(name, HardwareKeys.isBytes(key) ? gibibytes(value) : value);
        });
        return out;
    }

    private static String gibibytes(String bytes) {
        try {
            return String.format(Locale.ROOT, "%dGiB", Math.round(Long.parseLong(bytes.strip()) / GIB));
        } catch (NumberFormatException e) {
            return bytes;
        }
    }
}
