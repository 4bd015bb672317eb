package io.dtf.model;

import java.util.List;
import java.util.Map;

/**
 * Benchmarks against hardware classes ({@code AggregatorApi.matrix}, {@code GET /api/matrix}): one row per
 * benchmark, metric and unit, one column per hardware class, each cell the latest levels of the series there.
 *
 * @param hardwareClasses the columns, sorted
 * @param rows      sorted by benchmark, metric and unit
 * @param truncated whether rows were left out (more than the query's limit)
 */
public record ResultMatrix(List<String> hardwareClasses, List<MatrixRow> rows, boolean truncated) {
    public ResultMatrix {
        hardwareClasses = List.copyOf(hardwareClasses);
        rows = List.copyOf(rows);
    }

    /** One benchmark's metric; {@code cells} maps a hardware class to its cell (absent: never measured there). */
    public record MatrixRow(String benchmark, String metric, String unit, String direction,
                            Map<String, MatrixCell> cells) {
        public MatrixRow {
            cells = Map.copyOf(cells);
        }
    }

    /**
     * The series of one benchmark and metric on one hardware class.
     *
     * @param series  how many (one per parameter set and context)
     * @param value   the median of their latest levels
     * @param relative {@code value} against the best cell of the row, 1.0 for the best, in the direction that is
     *                better (0.5: half as good); null when the row mixes signs or has a zero
     * @param verdict the worst latest verdict among them ({@code REGRESSION} before {@code UNKNOWN} before
     *                {@code IMPROVEMENT} before {@code SAME})
     * @param key     the series' key when there is exactly one, else null
     */
    public record MatrixCell(int series, double value, Double relative, String verdict, String key) {
    }
}
