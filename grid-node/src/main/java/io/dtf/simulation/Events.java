package io.dtf.simulation;

import java.util.PriorityQueue;

/**
 * The simulation's pending events in virtual time; events at the same millisecond run in the order
 * they were scheduled, so a run is reproducible. An event can be cancelled (an attempt stopped or
 * lost with its worker): it stays queued and is skipped.
 */
final class Events {
    /** A scheduled action; {@link #cancel()} keeps it from running. */
    static final class Event implements Comparable<Event> {
        private final long at;
        private final long order;
        private final Runnable action;
        private boolean cancelled;

        private Event(long at, long order, Runnable action) {
            this.at = at;
            this.order = order;
            this.action = action;
        }

        void cancel() {
            cancelled = true;
        }

        long at() {
            return at;
        }

        @Override
        public int compareTo(Event o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long scheduled;

    Event at(long epochMillis, Runnable action) {
        Event e = new Event(epochMillis, scheduled++, action);
        queue.add(e);
        return e;
    }

    /** When the next live event is due; {@link Long#MAX_VALUE} when none is. */
    long next() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().at;
    }

    /** Runs every live event due at or before {@code now}, including those they schedule for then. */
    void runUntil(long now) {
        while (next() <= now) {
            queue.poll().action.run();
        }
    }
}
