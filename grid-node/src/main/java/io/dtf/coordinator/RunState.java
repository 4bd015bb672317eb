package io.dtf.coordinator;

import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's in-memory view of one run: its record and {@link RunPhase}, its tasks, state
 * counts and result index. Its record changes only through {@link #cancel}, {@link #end} and
 * {@link #forget}, each checked against the phase table.
 */
final class RunState {
    private RunRecord record;
    private RunPhase phase;
    final List<String> taskKeys = new ArrayList<>();
    final Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
    /** Seq numbers of this run's stored results, ascending. */
    final List<Long> resultSeqs = new ArrayList<>();

    RunState(RunRecord record) {
        this.record = record;
        this.phase = record.phase();
    }

    RunRecord record() {
        return record;
    }

    RunPhase phase() {
        return phase;
    }

    String runId() {
        return record.runId();
    }

    /** Widens what is cancelled: ACTIVE or CANCELLING to CANCELLING. */
    RunRecord cancel(Cancellation value) {
        phase = phase.moveTo(RunPhase.CANCELLING);
        record = record.cancelled(value);
        return record;
    }

    /** Every task is final: the run ends. */
    RunRecord end(Instant at) {
        phase = phase.moveTo(RunPhase.ENDED);
        record = record.ended(at);
        return record;
    }

    /** The run left memory and the caches. */
    void forget() {
        phase = phase.moveTo(RunPhase.FORGOTTEN);
    }

    void count(TaskState from, TaskState to) {
        if (from != null) {
            counts.merge(from, -1, Integer::sum);
        }
        counts.merge(to, 1, Integer::sum);
    }

    boolean allFinal() {
        int done = counts.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToInt(Map.Entry::getValue).sum();
        return done == record.total();
    }

    /** Keeps the index sorted: seqs arrive mostly in order, a retried write brings older ones back. */
    void addResult(long seq) {
        int at = Collections.binarySearch(resultSeqs, seq);
        if (at < 0) {
            resultSeqs.add(-at - 1, seq);
        }
    }

    void removeResult(long seq) {
        int at = Collections.binarySearch(resultSeqs, seq);
        if (at >= 0) {
            resultSeqs.remove(at);
        }
    }

    List<Long> seqsAfter(long afterSeq, int limit) {
        int from = Collections.binarySearch(resultSeqs, afterSeq);
        from = from >= 0 ? from + 1 : -from - 1;
        return List.copyOf(resultSeqs.subList(from, Math.min(resultSeqs.size(), from + limit)));
    }

    RunView view() {
        Map<TaskState, Integer> positive = new EnumMap<>(TaskState.class);
        counts.forEach((s, n) -> {
            if (n > 0) {
                positive.put(s, n);
            }
        });
        return new RunView(record.runId(), record.suite(), record.submittedAt(), record.endedAt(), record.total(),
                positive, record.owner());
    }
}
