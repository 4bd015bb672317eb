package io.dtf.results;

import io.dtf.model.TaskResult;
import java.util.Collection;
import java.util.List;

/**
 * The aggregator's replica of the results cache: every {@link TaskResult}, keyed by its seq.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>A result's identity is its {@code seq} (cluster-wide, unique, increasing per writer, not
 *       dense; numbering starts at 1). Results are append-only: once stored, a result never changes.
 *   <li>{@link #ingest} is idempotent and atomic: a result whose seq is already stored, or that
 *       occurs twice in the batch, is skipped (the first copy in the batch wins); either the whole
 *       batch is stored or, on an exception, none of it.
 *   <li>Reads return what earlier {@code ingest} calls committed, as full records (params,
 *       metrics with every sample in order, nulls kept). Timestamps keep microseconds.
 *   <li>Reads may run on any thread while another thread ingests; ingests are serialised.
 * </ul>
 *
 * <pre>{@code
 * try (ResultStore store = DuckDbResultStore.open(Path.of("results.duckdb"))) {
 *     store.ingest(List.of(result));
 *     List<TaskResult> run = store.results(result.runId());
 * }
 * }</pre>
 */
public interface ResultStore extends AutoCloseable {

    /** The highest seq stored, 0 when the store is empty. */
    long lastSeq();

    /**
     * Stores the results not stored yet.
     *
     * @return how many results were newly stored (skipped duplicates do not count)
     * @throws IllegalStateException when the store is read-only or closed
     */
    int ingest(Collection<TaskResult> batch);

    /** Every stored result of the run, in seq order; empty for an unknown run. */
    List<TaskResult> results(String runId);

    /** Every run with at least one stored result, newest first (by its earliest attempt). */
    List<String> runIds();

    /** How many results are stored. */
    long count();

    /**
     * The stored seqs as maximal runs of consecutive numbers, ascending. The gaps between them are
     * the seqs a replicator must still look for (see {@code ResultReplicator}).
     */
    List<SeqRange> seqRanges();

    @Override
    void close();
}
