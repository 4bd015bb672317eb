package io.dtf.cli;

import io.dtf.model.TaskResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a DuckDB file holds of a run, compared with what the run produced: {@code dtf run} says
 * "results stored" only when every attempt it saw is in the file exactly once.
 *
 * <p>An attempt is matched by its seq, task and attempt number, so a row of another result that
 * merely shares the seq does not count as this one.
 *
 * @param produced how many results the run produced
 * @param missing  the produced results not in the file
 * @param extra    how many of the run's rows in the file match no produced result (or repeat one)
 */
record ReadBack(int produced, List<TaskResult> missing, int extra) {

    private record Key(long seq, String taskId, int attempt) {
        static Key of(TaskResult r) {
            return new Key(r.seq(), r.taskId(), r.attempt());
        }
    }

    static ReadBack compare(List<TaskResult> produced, List<TaskResult> inFile) {
        Map<Key, Integer> stored = new HashMap<>();
        inFile.forEach(r -> stored.merge(Key.of(r), 1, Integer::sum));
        List<TaskResult> missing = new ArrayList<>();
        for (TaskResult r : produced) {
            if (stored.merge(Key.of(r), -1, Integer::sum) < 0) {
                missing.add(r);
            }
        }
        int extra = stored.values().stream().filter(n -> n > 0).mapToInt(Integer::intValue).sum();
        return new ReadBack(produced.size(), List.copyOf(missing), extra);
    }

    boolean complete() {
        return missing.isEmpty() && extra == 0;
    }

    /** One sentence for a person: what is wrong, with the first missing attempts named. */
    String describe() {
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            String named = missing.stream().limit(3)
                    .map(r -> r.taskId() + " attempt " + r.attempt() + " seq " + r.seq())
                    .collect(Collectors.joining(", ", "", missing.size() > 3 ? ", ..." : ""));
            problems.add(missing.size() + " of " + produced + " results are missing (" + named + ")");
        }
        if (extra > 0) {
            problems.add(extra + " rows of the run match no result it produced or repeat one (see ingest_conflicts)");
        }
        return String.join("; ", problems);
    }
}
