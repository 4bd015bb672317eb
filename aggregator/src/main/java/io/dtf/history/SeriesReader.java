package io.dtf.history;

import io.dtf.benchmark.BenchmarkHarness;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.Direction;
import io.dtf.stats.Point;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesKey;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Every series in a results database, whether DTF ran it or it was imported: measurements of one
 * benchmark with the same parameters, metric, unit, hardware class and branch, one point per run
 * (all its samples), oldest run first by the run's start. Only final attempts that passed count:
 * PASSED, and FLAKY (a pass after a failed attempt measures like any other pass).
 *
 * <pre>{@code
 * try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(file)) {
 *     List<Series> all = new SeriesReader(store).read(null);
 * }
 * }</pre>
 */
public final class SeriesReader {
    private static final String POINTS = """
            SELECT r.task_name, r.params, s.metric, s.unit, r.hw_class, c.branch, r.run_id,
                   ru.first_seen, any_value(c.commit) AS commit, any_value(d.direction) AS direction,
                   list(s.value ORDER BY r.seq, s.idx) AS samples, params::VARCHAR AS params_text
            FROM samples s
            JOIN results r ON r.seq = s.seq
            JOIN runs ru ON ru.run_id = r.run_id
            LEFT JOIN result_context c ON c.seq = r.seq
            LEFT JOIN metric_direction d ON d.seq = s.seq AND d.metric = s.metric
            WHERE r.status IN ('PASSED', 'FLAKY') AND r.final_attempt AND s.metric NOT IN (%s)
            GROUP BY r.task_name, r.params, s.metric, s.unit, r.hw_class, c.branch, r.run_id, ru.first_seen, ru.first_seq
            ORDER BY r.task_name, params_text, s.metric, s.unit, r.hw_class, c.branch NULLS FIRST,
                     ru.first_seen NULLS FIRST, ru.first_seq, r.run_id""".formatted(
            // How a benchmark was measured (warm-up time, steadiness) is no series of its own: a longer
            // warm-up is no regression.
            BenchmarkHarness.MEASUREMENT_FACTS.stream().sorted().map(m -> "'" + m + "'").collect(Collectors.joining(", ")));

    private final DuckDbResultStore store;

    public SeriesReader(DuckDbResultStore store) {
        this.store = store;
    }

    /**
     * Every series; with {@code run} non-null, only those that have that run, each cut after it (it is
     * their latest point).
     */
    public List<Series> read(String run) {
        Map<SeriesKey, Building> byKey = new LinkedHashMap<>();
        store.query(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(POINTS);
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String branch = rs.getString(6);
                    SeriesKey key = new SeriesKey(rs.getString(1), params(rs.getObject(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), branch == null ? Map.of() : Map.of("branch", branch));
                    LocalDateTime first = rs.getObject(8, LocalDateTime.class);
                    Building series = byKey.computeIfAbsent(key, k -> new Building());
                    if (series.direction == null && rs.getString(10) != null) {
                        series.direction = Direction.valueOf(rs.getString(10));
                    }
                    series.points.add(new Point(rs.getString(7),
                            first == null ? null : first.toInstant(ZoneOffset.UTC),
                            doubles(rs.getArray(11)), rs.getString(9)));
                }
            }
            return null;
        });
        List<Series> all = new ArrayList<>();
        byKey.forEach((key, building) -> {
            List<Point> points = building.points;
            if (run != null) {
                int at = indexOf(points, run);
                if (at < 0) {
                    return;
                }
                points = points.subList(0, at + 1);
            }
            Direction direction = building.direction != null ? building.direction : Direction.fromUnit(key.unit());
            all.add(new Series(key, direction, points));
        });
        return all;
    }

    private static int indexOf(List<Point> points, String run) {
        for (int i = 0; i < points.size(); i++) {
            if (Objects.equals(points.get(i).run(), run)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> params(Object value) {
        Map<String, String> params = new HashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> params.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return params;
    }

    private static List<Double> doubles(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        List<Double> samples = new ArrayList<>(values.length);
        for (Object v : values) {
            samples.add(((Number) v).doubleValue());
        }
        return samples;
    }

    private static final class Building {
        final List<Point> points = new ArrayList<>();
        Direction direction;
    }
}
