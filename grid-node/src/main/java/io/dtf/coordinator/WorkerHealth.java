package io.dtf.coordinator;

import io.dtf.hardware.HardwareKeys;
import io.dtf.model.Alert;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.WorkerView;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the coordinator knows of its workers beyond the live topology: the attributes of every
 * worker seen (a failure is judged by the node it ran on, which may be gone), the quarantine, and
 * the alerts raised about them. Confined to the coordinator's loop thread.
 */
final class WorkerHealth {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHealth.class);

    private final CoordinatorStore store;
    private final Quarantine quarantine;
    private final InstantSource clock;
    private final int maxAlerts;
    private final Map<String, Map<String, Object>> known = new HashMap<>();
    private final ArrayDeque<Alert> alerts = new ArrayDeque<>();
    private final CoordinatorAudit audit;
    /** Reports refused per node they claim to come from (a bad or missing signature, or another attempt's). */
    private final Map<String, Integer> refusedReports = new HashMap<>();

    WorkerHealth(CoordinatorStore store, CoordinatorAudit audit, CoordinatorSettings settings, InstantSource clock) {
        this.store = store;
        this.audit = audit;
        this.quarantine = new Quarantine(settings);
        this.clock = clock;
        this.maxAlerts = settings.maxAlerts();
    }

    /** Reads the stored quarantine list: a new coordinator keeps it. */
    void restore() {
        quarantine.restore(store.loadQuarantine());
    }

    void remember(List<WorkerNode> workers) {
        for (WorkerNode w : workers) {
            known.putIfAbsent(w.nodeId(), w.attributes());
        }
    }

    /** The attributes of every worker this coordinator has seen, live or gone. */
    Collection<Map<String, Object>> seen() {
        return known.values();
    }

    /** The node's attributes as last seen, with its id under {@link AttemptPolicy#NODE_ID}. */
    Map<String, Object> attributes(String nodeId) {
        Map<String, Object> node = new LinkedHashMap<>(known.getOrDefault(nodeId, Map.of()));
        node.put(AttemptPolicy.NODE_ID, nodeId);
        return node;
    }

    /** Counts an ended attempt against its node; quarantines the node when this was one failure too many. */
    void record(String nodeId, String taskKey, AttemptOutcome outcome, Instant now) {
        Quarantine.Entry held = quarantine.record(nodeId, taskKey,
                outcome.status().isSuccess() ? null : outcome.category(), outcome.error(), now);
        if (held != null) {
            save(now);
            alert(held.nodeId(), "quarantined until " + held.until() + ": " + describe(held));
            audit.quarantined(held, describe(held));
        }
    }

    /** Counts and alerts a report refused before it became a result. */
    void refused(String nodeId, String what) {
        int count = refusedReports.merge(nodeId, 1, Integer::sum);
        alert(nodeId, what + " (" + count + (count == 1 ? " report" : " reports") + " refused from this node)");
    }

    Set<String> quarantined(Instant now) {
        Set<String> held = new HashSet<>();
        quarantine.active(now).forEach(e -> held.add(e.nodeId()));
        return held;
    }

    List<WorkerView> views(List<WorkerNode> live, Map<String, Integer> busy, Instant now) {
        Map<String, Quarantine.Entry> held = new HashMap<>();
        quarantine.active(now).forEach(e -> held.put(e.nodeId(), e));
        return live.stream().map(w -> {
            Quarantine.Entry q = held.get(w.nodeId());
            Object host = w.attributes().get(HardwareKeys.HOSTNAME);
            return new WorkerView(w.nodeId(), host == null ? null : host.toString(), w.addresses(),
                    String.valueOf(w.attributes().get(HardwareKeys.HW_CLASS)), w.slots(),
                    busy.getOrDefault(w.nodeId(), 0), quarantine.streak(w.nodeId()), q == null ? null : q.until(),
                    q == null ? null : describe(q), refusedReports.getOrDefault(w.nodeId(), 0));
        }).toList();
    }

    String release(String nodeId, String subject, Instant now) {
        boolean was = quarantine.release(nodeId, now);
        save(now);
        audit.released(subject, nodeId, was);
        alert(nodeId, was ? "released from quarantine by an operator" : "release asked, but it was not quarantined");
        return was ? "released " + nodeId : nodeId + " was not quarantined";
    }

    List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    private void save(Instant now) {
        try {
            store.saveQuarantine(quarantine.active(now));
        } catch (RuntimeException e) {
            LOG.warn("could not store the quarantine list; it holds until this coordinator moves", e);
        }
    }

    private void alert(String subject, String message) {
        LOG.warn("ALERT {}: {}", subject, message);
        alerts.add(new Alert(clock.instant(), subject, message));
        while (alerts.size() > maxAlerts) {
            alerts.poll();
        }
    }

    private static String describe(Quarantine.Entry e) {
        return e.tasks().size() + " different tasks failed on it in a row for infrastructure reasons ("
                + String.join(", ", e.tasks()) + "); last: " + e.lastError();
    }
}
