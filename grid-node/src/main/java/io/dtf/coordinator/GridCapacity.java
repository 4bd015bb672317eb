package io.dtf.coordinator;

/**
 * How much room DTF's caches have on the data nodes, summed over them (their default data regions).
 *
 * @param regionBytes the regions' maximum sizes
 * @param usedBytes   what the regions hold now
 * @param copies      how many copies of each entry the grid keeps (the primary and its backups,
 *                    no more than there are data nodes)
 */
public record GridCapacity(long regionBytes, long usedBytes, int copies) {
    public long freeBytes() {
        return Math.max(0, regionBytes - usedBytes);
    }
}
