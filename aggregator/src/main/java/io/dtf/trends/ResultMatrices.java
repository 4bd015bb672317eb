package io.dtf.trends;

import io.dtf.model.ResultMatrix;
import io.dtf.model.SeriesQuery;
import io.dtf.stats.Direction;
import io.dtf.stats.Point;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.descriptive.Quantiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds a {@link ResultMatrix}: benchmark, metric and unit down, hardware classes across. */
final class ResultMatrices {
    /** Worst first: a cell shows the worst verdict among its series. */
    private static final List<String> SEVERITY = List.of("REGRESSION", "UNKNOWN", "IMPROVEMENT", "SAME");

    private ResultMatrices() {
    }

    static ResultMatrix of(List<SeriesCatalog.Entry> entries, SeriesQuery query) {
        Map<String, List<SeriesCatalog.Entry>> byRow = new LinkedHashMap<>();
        TreeSet<String> hardware = new TreeSet<>();
        for (SeriesCatalog.Entry e : entries) {
            if (Levels.measured(e.series()).isEmpty()) {
                continue;
            }
            SeriesKey k = e.series().key();
            byRow.computeIfAbsent(k.benchmark() + '\u0000' + k.metric() + '\u0000' + k.unit(), x -> new ArrayList<>())
                    .add(e);
        }
        List<ResultMatrix.MatrixRow> rows = new ArrayList<>();
        List<List<SeriesCatalog.Entry>> groups = new ArrayList<>(byRow.values());
        int end = Math.min(groups.size(), query.offset() + query.limit());
        for (int i = query.offset(); i < end; i++) {
            ResultMatrix.MatrixRow row = row(groups.get(i));
            hardware.addAll(row.cells().keySet());
            rows.add(row);
        }
        return new ResultMatrix(List.copyOf(hardware), rows, groups.size() > end);
    }

    private static ResultMatrix.MatrixRow row(List<SeriesCatalog.Entry> group) {
        SeriesKey first = group.get(0).series().key();
        Direction direction = group.get(0).analysis().direction();
        Map<String, List<SeriesCatalog.Entry>> byHardware = new TreeMap<>();
        group.forEach(e -> byHardware.computeIfAbsent(e.series().key().hardware(), x -> new ArrayList<>()).add(e));
        Map<String, Double> values = new TreeMap<>();
        byHardware.forEach((hw, es) -> values.put(hw, Quantiles.median(es.stream().mapToDouble(e -> {
            List<Point> points = Levels.measured(e.series());
            return Levels.level(points.get(points.size() - 1));
        }).toArray())));
        boolean higher = direction == Direction.HIGHER_IS_BETTER;
        double best = higher ? values.values().stream().mapToDouble(v -> v).max().orElse(Double.NaN)
                : values.values().stream().mapToDouble(v -> v).min().orElse(Double.NaN);
        boolean comparable = values.values().stream().allMatch(v -> v > 0) || values.values().stream().allMatch(v -> v < 0);
        Map<String, ResultMatrix.MatrixCell> cells = new TreeMap<>();
        byHardware.forEach((hw, es) -> {
            double value = values.get(hw);
            Double relative = comparable ? Levels.finite(higher ? value / best : best / value) : null;
            String verdict = es.stream().map(e -> SeriesCatalog.verdict(e.analysis()))
                    .min((a, b) -> Integer.compare(SEVERITY.indexOf(a), SEVERITY.indexOf(b))).orElse("UNKNOWN");
            cells.put(hw, new ResultMatrix.MatrixCell(es.size(), value, relative, verdict, es.size() == 1 ? es.get(0).key() : null));
        });
        return new ResultMatrix.MatrixRow(first.benchmark(), first.metric(), first.unit(), direction.name(), cells);
    }
}
