package io.dtf.bench.chaos;

import java.time.Instant;

/**
 * One SIGKILL the benchmark sent.
 *
 * @param at           when the signal went
 * @param node         the grid place killed ({@code worker-3}, {@code core-a})
 * @param nodeId       the Ignite node id of the life that ended
 * @param coordinator  whether the node hosted the coordinator singleton
 */
record Kill(Instant at, String node, String nodeId, boolean coordinator) {
}
