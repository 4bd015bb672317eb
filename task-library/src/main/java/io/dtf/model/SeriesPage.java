package io.dtf.model;

import java.util.List;

/**
 * A page of the stored series that match a {@link SeriesQuery}.
 *
 * @param total    how many series match in all
 * @param offset   the query's offset
 * @param series   at most the query's limit, from {@code offset} on
 * @param hardwareClasses every hardware class that has a stored series (for a filter's choices)
 */
public record SeriesPage(int total, int offset, List<SeriesSummary> series, List<String> hardwareClasses) {
    public SeriesPage {
        series = List.copyOf(series);
        hardwareClasses = List.copyOf(hardwareClasses);
    }
}
