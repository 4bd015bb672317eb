package io.dtf.console.live;

import io.dtf.model.RunView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The progress of the runs whose tasks changed, read once each per tick however many of their tasks
 * changed, on a thread of its own: a read asks the coordinator, which may take a while when it is
 * busy, and task changes must not wait for it (they would, were the read part of the tick that sends
 * them). So a run's progress follows its tasks' changes by about one tick. A run whose tasks have all
 * ended but which has not yet recorded its end is read again for a few ticks, so that pages see it end.
 */
final class RunProgress {
    /** How many more reads a run that looks finished but has no end time yet gets. */
    static final int FOLLOW_UPS = 8;

    private final Function<String, Optional<RunView>> runs;
    private final int maxRunsPerRead;
    /** Runs to read next: runId -> true when its tasks changed, false for a follow-up. */
    private final Map<String, Boolean> toRead = new LinkedHashMap<>();
    private final Map<String, Integer> followUps = new LinkedHashMap<>();

    RunProgress(Function<String, Optional<RunView>> runs, int maxRunsPerRead) {
        this.runs = runs;
        this.maxRunsPerRead = maxRunsPerRead;
    }

    /** These runs' tasks changed. */
    synchronized void touched(Collection<String> runIds) {
        for (String runId : runIds) {
            toRead.put(runId, true);
            followUps.remove(runId);
        }
    }

    /** Forgets every run to read (the pages resync and load everything anew). */
    synchronized void clear() {
        toRead.clear();
        followUps.clear();
    }

    /** Reads the runs due (at most {@code maxRunsPerRead}; the rest wait for the next read) and answers their events. */
    List<LiveEvent.Run> read() {
        List<Map.Entry<String, Boolean>> due = new ArrayList<>();
        synchronized (this) {
            followUps.keySet().forEach(r -> toRead.putIfAbsent(r, false));
            Iterator<Map.Entry<String, Boolean>> it = toRead.entrySet().iterator();
            while (due.size() < maxRunsPerRead && it.hasNext()) {
                Map.Entry<String, Boolean> next = it.next();
                due.add(Map.entry(next.getKey(), next.getValue()));
                it.remove();
            }
        }
        List<LiveEvent.Run> out = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            String runId = due.get(i).getKey();
            boolean touched = due.get(i).getValue();
            Optional<RunView> view;
            try {
                view = runs.apply(runId);
            } catch (RuntimeException e) {
                requeue(due.subList(i, due.size())); // the coordinator is away (moving, say): read them next time
                break;
            }
            RunView run = view.orElse(null);
            if (run != null && (touched || run.endedAt() != null)) {
                out.add(new LiveEvent.Run(run.runId(), run.suite(), run.total(), run.counts(), run.endedAt()));
            }
            followUp(runId, touched, run);
        }
        return out;
    }

    private synchronized void requeue(List<Map.Entry<String, Boolean>> entries) {
        entries.forEach(e -> toRead.putIfAbsent(e.getKey(), e.getValue()));
    }

    private synchronized void followUp(String runId, boolean touched, RunView run) {
        if (toRead.containsKey(runId) && toRead.get(runId)) {
            return; // its tasks changed again meanwhile: it is read again anyway
        }
        int left = touched ? FOLLOW_UPS : followUps.getOrDefault(runId, 0) - 1;
        if (run != null && run.endedAt() == null && run.isDone() && left > 0) {
            followUps.put(runId, left);
        } else {
            followUps.remove(runId);
        }
    }
}
