package io.dtf.stats.outlier;

import java.util.List;

/** The outliers found and the series with each replaced by its reference level (for change-point and trend scans). */
public record OutlierScan(List<OutlierFlag> outliers, double[] cleaned) {
    public OutlierScan {
        outliers = List.copyOf(outliers);
    }
}
