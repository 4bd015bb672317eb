package io.dtf.results;

import java.time.Instant;

/**
 * A result that arrived under an identity the store already held for a different result (same
 * origin and seq, other content). The store keeps both rows and records this, so nothing is
 * dropped and somebody is told; see docs/DUCKDB-SCHEMA.md, table {@code ingest_conflicts}.
 *
 * @param storedAs    the store's key ({@code results.seq}) of the row that arrived
 * @param existingSeq the store's key of the row that already held its identity
 * @param origin      the origin both rows claim
 * @param originSeq   the seq both rows claim within it
 * @param runId       the run of the row that arrived
 * @param detectedAt  when the store met it
 */
public record IngestConflict(long storedAs, long existingSeq, ResultOrigin origin, long originSeq, String runId,
                             Instant detectedAt) {
}
