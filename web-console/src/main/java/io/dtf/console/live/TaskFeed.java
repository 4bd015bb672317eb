package io.dtf.console.live;

import io.dtf.wire.CacheNames;
import java.util.function.Consumer;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;

/**
 * Task state changes as they are written to the tasks cache: a continuous query with a listener on
 * the console's node, reading values as stored ({@code withKeepBinary()}), decoded by
 * {@link TaskStateDecoder}. It has no initial query: pages load the state as it is from {@code /api}.
 */
final class TaskFeed implements AutoCloseable {
    /** Updates are sent to the console in pages of this many, or after {@link #BUFFER_MILLIS}. */
    private static final int PAGE = 256;
    private static final long BUFFER_MILLIS = 50;

    private final QueryCursor<?> cursor;

    TaskFeed(Ignite ignite, Consumer<LiveEvent.Task> sink) {
        IgniteCache<Object, Object> tasks = ignite.cache(CacheNames.TASKS);
        if (tasks == null) {
            throw new IllegalStateException("cache " + CacheNames.TASKS + " is not started: the grid's caches must be up"
                    + " before the console");
        }
        ContinuousQuery<Object, Object> query = new ContinuousQuery<>();
        query.setPageSize(PAGE);
        query.setTimeInterval(BUFFER_MILLIS);
        query.setLocalListener(events -> {
            for (CacheEntryEvent<?, ?> e : events) {
                if (e.getEventType() == EventType.CREATED || e.getEventType() == EventType.UPDATED) {
                    TaskStateDecoder.decode(e.getKey(), e.getValue()).ifPresent(sink);
                }
            }
        });
        this.cursor = tasks.withKeepBinary().query(query);
    }

    @Override
    public void close() {
        cursor.close();
    }
}
