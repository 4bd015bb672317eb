package io.dtf.history;

import io.dtf.stats.Direction;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * Parsed history before it is stored: samples grouped into results, one per run, benchmark,
 * parameters and hardware class, each holding its metrics in first-seen order. Not thread-safe.
 */
final class HistoryBatch {
    /** What becomes one {@code results} row. */
    record ResultKey(String run, String benchmark, SortedMap<String, String> params, String hardware) {
    }

    /** A result's run time and context; the earliest timestamp of its samples wins. */
    static final class Result {
        Instant timestamp;
        String commit;
        String branch;
        final Map<String, Samples> metrics = new LinkedHashMap<>();
    }

    /** One metric's samples, in input order. */
    static final class Samples {
        final String unit;
        final Direction direction;
        private double[] values = new double[8];
        private int size;

        Samples(String unit, Direction direction) {
            this.unit = unit;
            this.direction = direction;
        }

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double[] values() {
            return Arrays.copyOf(values, size);
        }

        int size() {
            return size;
        }
    }

    private final Map<ResultKey, Result> results = new LinkedHashMap<>();
    private long samples;

    /** The result a sample belongs to, created with this timestamp and context if new. */
    Result result(ResultKey key, Instant timestamp, String commit, String branch) {
        Result result = results.computeIfAbsent(key, k -> new Result());
        if (result.timestamp == null || timestamp.isBefore(result.timestamp)) {
            result.timestamp = timestamp;
        }
        if (result.commit == null) {
            result.commit = commit;
        }
        if (result.branch == null) {
            result.branch = branch;
        }
        return result;
    }

    void counted(int added) {
        samples += added;
    }

    Map<ResultKey, Result> results() {
        return results;
    }

    long samples() {
        return samples;
    }

    long runs() {
        return results.keySet().stream().map(ResultKey::run).distinct().count();
    }
}
