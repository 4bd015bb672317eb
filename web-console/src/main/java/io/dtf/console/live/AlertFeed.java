package io.dtf.console.live;

import io.dtf.model.Alert;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New alerts: the coordinator keeps its recent alerts in memory and publishes no event for them, so
 * the console reads the list every few seconds and passes on the ones it had not seen. Alerts raised
 * before the first read are not news: pages load those from {@code /api}.
 */
final class AlertFeed {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

    private final Supplier<List<Alert>> alerts;
    private final Consumer<LiveEvent.Alert> sink;
    private Set<Alert> seen;
    private boolean failing;

    AlertFeed(Supplier<List<Alert>> alerts, Consumer<LiveEvent.Alert> sink) {
        this.alerts = alerts;
        this.sink = sink;
    }

    /** Reads the alerts once; called from one thread at a time. */
    void poll() {
        List<Alert> now;
        try {
            now = alerts.get();
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.info("live updates: cannot read the coordinator's alerts yet ({}); trying again", e.toString());
                failing = true;
            }
            return;
        }
        if (seen != null) {
            for (Alert a : now) {
                if (!seen.contains(a)) {
                    sink.accept(new LiveEvent.Alert(a.at(), a.subject(), a.message()));
                }
            }
        }
        seen = new HashSet<>(now);
    }
}
