package io.dtf.console.api;

import io.dtf.model.Alert;
import io.dtf.model.FaultReport;
import io.dtf.model.WorkerView;
import java.util.List;

/**
 * The answer of {@code GET /api/faults}: the history from the aggregator and the quarantine as it is now.
 *
 * @param history        what went wrong in the stretch asked for, and what the grid did (from DuckDB)
 * @param quarantinedNow the live workers in quarantine now, from the coordinator
 * @param alerts         the coordinator's recent alerts (quarantines, releases, refused reports), newest first;
 *                       they live in its memory, so a coordinator that moved starts a new list
 */
public record FaultsView(FaultReport history, List<WorkerView> quarantinedNow, List<Alert> alerts) {
}
