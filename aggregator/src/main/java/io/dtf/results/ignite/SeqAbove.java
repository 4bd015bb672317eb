package io.dtf.results.ignite;

import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * Scan filter run on the data nodes, so that a catch-up scan sends only the results above what
 * the store holds. The data nodes need this class on their class path (or peer class loading);
 * {@link CacheReads} falls back to filtering here when they do not have it.
 */
final class SeqAbove implements IgniteBiPredicate<Long, String> {
    private static final long serialVersionUID = 1L;

    private final long floor;

    SeqAbove(long floor) {
        this.floor = floor;
    }

    @Override
    public boolean apply(Long seq, String json) {
        return seq > floor;
    }
}
