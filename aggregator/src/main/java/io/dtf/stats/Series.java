package io.dtf.stats;

import java.util.List;

/** A series' history, oldest run first. */
public record Series(SeriesKey key, Direction direction, List<Point> points) {
    public Series {
        points = List.copyOf(points);
    }
}
