package io.dtf.ci.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Longest processing time first: items sorted by weight, largest first, each put into the bin that
 * is lightest so far. Its largest bin is at most 4/3 of the best possible; with many items that are
 * small against a bin, close to the average bin.
 */
final class Lpt {
    /** An item to pack; {@code key} orders equal weights, so the packing is the same every time. */
    record Item<T>(T value, double weight, String key) {
    }

    /** A packed bin and its load. */
    record Bin<T>(List<T> items, double load) {
    }

    private Lpt() {
    }

    /**
     * Packs items into at most {@code bins} bins of at most {@code maxItems} items each; empty bins
     * are left out. {@code bins * maxItems} must be at least the number of items.
     */
    static <T> List<Bin<T>> pack(List<Item<T>> items, int bins, int maxItems) {
        if ((long) bins * maxItems < items.size()) {
            throw new IllegalArgumentException(items.size() + " items do not fit " + bins + " bins of " + maxItems);
        }
        List<Item<T>> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.<Item<T>>comparingDouble(Item::weight).reversed().thenComparing(Item::key));
        List<List<T>> contents = new ArrayList<>();
        double[] loads = new double[bins];
        PriorityQueue<Integer> lightest = new PriorityQueue<>(
                Comparator.<Integer>comparingDouble(b -> loads[b]).thenComparingInt(b -> b));
        for (int b = 0; b < bins; b++) {
            contents.add(new ArrayList<>());
            lightest.add(b);
        }
        for (Item<T> item : sorted) {
            int bin = lightest.poll();
            contents.get(bin).add(item.value());
            loads[bin] += item.weight();
            if (contents.get(bin).size() < maxItems) {
                lightest.add(bin);
            }
        }
        List<Bin<T>> packed = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (!contents.get(b).isEmpty()) {
                packed.add(new Bin<>(List.copyOf(contents.get(b)), loads[b]));
            }
        }
        return packed;
    }
}
