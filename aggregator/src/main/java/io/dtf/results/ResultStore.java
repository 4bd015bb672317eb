package io.dtf.results;

import io.dtf.model.TaskResult;
import java.util.Collection;
import java.util.List;

/**
 * The aggregator's replica of the results cache, and the home of imported history: every
 * {@link TaskResult}, identified by its {@link ResultOrigin} and its seq within that origin.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>A result's identity is its origin and its {@code seq} (unique within the origin, increasing
 *       per writer, not dense; numbering starts at 1). The same seq in two origins is two results: a
 *       grid restarted in memory numbers from 1 again. Results are append-only: once stored, a
 *       result never changes.
 *   <li>{@link #ingest} is idempotent and atomic. A result whose identity is already stored with the
 *       same content, or that occurs twice in the batch with the same content, is skipped (stored
 *       once). A result whose identity is already stored (or earlier in the batch) with different
 *       content is stored as well, never dropped, and recorded as an {@link IngestConflict}. Either
 *       the whole batch is stored or, on an exception, none of it.
 *   <li>Reads return what earlier {@code ingest} calls committed, as full records (params, metrics
 *       with every sample in order, nulls kept) carrying the seq they were ingested with.
 *       Timestamps keep microseconds.
 *   <li>Reads may run on any thread while another thread ingests; ingests are serialised.
 * </ul>
 *
 * <pre>{@code
 * try (ResultStore store = DuckDbResultStore.open(Path.of("results.duckdb"))) {
 *     store.ingest(ResultOrigin.grid(gridId), List.of(result));
 *     List<TaskResult> run = store.results(result.runId());
 * }
 * }</pre>
 */
public interface ResultStore extends AutoCloseable {

    /** The highest seq stored from {@code origin}, 0 when none is. */
    long lastSeq(ResultOrigin origin);

    /**
     * Stores the results of {@code origin} not stored yet.
     *
     * @return how many results were newly stored (skipped duplicates do not count; conflicting
     *     results, stored beside the row they collide with, do)
     * @throws IllegalStateException when the store is read-only or closed
     */
    int ingest(ResultOrigin origin, Collection<TaskResult> batch);

    /** Every stored result of the run, in seq order (then in the order stored); empty for an unknown run. */
    List<TaskResult> results(String runId);

    /** Every run with at least one stored result, newest first (by its earliest attempt). */
    List<String> runIds();

    /** How many results are stored, from every origin. */
    long count();

    /**
     * The seqs stored from {@code origin} as maximal runs of consecutive numbers, ascending. The gaps
     * between them are the seqs a replicator of that origin must still look for (see
     * {@code ResultReplicator}).
     */
    List<SeqRange> seqRanges(ResultOrigin origin);

    /** Every conflict met by {@link #ingest}, oldest first; empty when none was. */
    List<IngestConflict> conflicts();

    /** The conflicts whose arriving result belongs to {@code runId}, oldest first; empty when none was. */
    List<IngestConflict> conflicts(String runId);

    @Override
    void close();
}
