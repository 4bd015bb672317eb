package io.dtf.security.ignite;

import io.dtf.model.RevokeReply;
import io.dtf.node.DtfCaches;
import io.dtf.security.token.RevocationList;
import io.dtf.security.token.TokenIds;
import io.dtf.wire.CacheNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid's deny list of tokens ({@link CacheNames#REVOKED_TOKENS}: token id -> until when, epoch
 * milliseconds), as one node sees it: read once, then kept current by a continuous query. A check
 * reads only this node's copy, so it never blocks and may run on any thread, Ignite's discovery
 * thread included. An entry leaves the copy, and the cache, once its revocation has ended.
 *
 * <pre>{@code
 * try (CacheRevocationList revoked = CacheRevocationList.start(ignite)) {   // once the grid is active
 *     TokenVerifier verifier = new TokenVerifier(keys::verifyingKeys, revoked, Clock.systemUTC());
 *     ...
 * }
 * CacheRevocationList.revoke(ignite, tokenId, Instant.now().plus(Duration.ofDays(30)), Clock.systemUTC());
 * }</pre>
 */
public final class CacheRevocationList implements RevocationList, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CacheRevocationList.class);
    /** The longest a revocation may be asked to last: ten years, far beyond any token's life. */
    public static final Duration MAX_HOLD = Duration.ofDays(3_650);

    private final Clock clock;
    /** Token id -> until when it is revoked (epoch milliseconds). */
    private final Map<String, Long> until = new ConcurrentHashMap<>();
    private volatile QueryCursor<Cache.Entry<String, Long>> cursor;

    private CacheRevocationList(Clock clock) {
        this.clock = clock;
    }

    /** As {@link #start(Ignite, Clock)} on the system clock. */
    public static CacheRevocationList start(Ignite ignite) {
        return start(ignite, Clock.systemUTC());
    }

    /**
     * Follows the deny list of the grid that {@code ignite} is a node of: registers the continuous
     * query, then reads what is there, and returns once that is read. Needs an active grid (DTF's
     * caches are created when missing). Close it when the node stops.
     *
     * <p>A node knows no revocation before this returns: a verifier built earlier (a security
     * plugin starts before its node joins) can hold a {@link RevocationList} that asks this list
     * once it is started, and nothing until then.
     */
    public static CacheRevocationList start(Ignite ignite, Clock clock) {
        CacheRevocationList list = new CacheRevocationList(clock);
        ContinuousQuery<String, Long> query = new ContinuousQuery<>();
        query.setLocalListener(list::changed);
        query.setIncludeExpired(true);
        query.setInitialQuery(new ScanQuery<>());
        QueryCursor<Cache.Entry<String, Long>> opened = cache(ignite).query(query);
        try {
            for (Cache.Entry<String, Long> e : opened) { // an entry may also come as an event: merging is idempotent
                list.add(e.getKey(), e.getValue());
            }
            list.dropEnded();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        list.cursor = opened;
        return list;
    }

    @Override
    public boolean revoked(String tokenId) {
        String id = tokenId == null ? null : tokenId.toLowerCase(Locale.ROOT);
        Long end = id == null ? null : until.get(id);
        if (end == null) {
            return false;
        }
        if (end <= clock.millis()) {
            until.remove(id, end);
            return false;
        }
        return true;
    }

    /**
     * Revokes {@code tokenId} until {@code end} on the grid of {@code ignite}; a revocation already
     * there that ends later is kept. The entry expires at its end.
     */
    public static RevokeReply revoke(Ignite ignite, String tokenId, Instant end, Clock clock) {
        var problem = TokenIds.problem(tokenId);
        if (problem.isPresent()) {
            return RevokeReply.refused(null, "token id: " + problem.get());
        }
        String id = tokenId.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        if (end == null || !end.isAfter(now)) {
            return RevokeReply.refused(id, "until: " + end + " is not in the future; a revocation lasts until a "
                    + "time to come, at least the token's expiry");
        }
        if (end.isAfter(now.plus(MAX_HOLD))) {
            return RevokeReply.refused(id, "until: " + end + " is more than " + MAX_HOLD.toDays()
                    + " days away; no token lives that long");
        }
        IgniteCache<String, Long> cache = cache(ignite);
        long wanted = end.toEpochMilli();
        while (true) {
            Long had = cache.get(id);
            if (had != null && had >= wanted) {
                return new RevokeReply(id, Instant.ofEpochMilli(had), null);
            }
            IgniteCache<String, Long> expiring = cache.withExpiryPolicy(new ModifiedExpiryPolicy(
                    new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, wanted - now.toEpochMilli())));
            if (had == null ? expiring.putIfAbsent(id, wanted) : expiring.replace(id, had, wanted)) {
                LOG.info("token {} revoked until {}", id, end);
                return new RevokeReply(id, end, null);
            }
        }
    }

    @Override
    public void close() {
        QueryCursor<Cache.Entry<String, Long>> open = cursor;
        cursor = null;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                LOG.debug("the revoked-tokens query was not closed (this node stops, which ends it anyway): {}",
                        e.toString());
            }
        }
    }

    /** On Ignite's thread: only updates the map. */
    private void changed(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
        for (CacheEntryEvent<? extends String, ? extends Long> e : events) {
            if (e.getEventType() == EventType.REMOVED || e.getEventType() == EventType.EXPIRED) {
                until.remove(e.getKey());
            } else {
                add(e.getKey(), e.getValue());
            }
        }
        dropEnded(); // at every change: the copy stays small without a timer of its own
    }

    private void add(String tokenId, Long end) {
        if (end != null) {
            until.merge(tokenId, end, Math::max);
        }
    }

    private void dropEnded() {
        long now = clock.millis();
        until.values().removeIf(end -> end <= now);
    }

    private static IgniteCache<String, Long> cache(Ignite ignite) {
        IgniteCache<String, Long> cache = ignite.cache(CacheNames.REVOKED_TOKENS);
        if (cache == null) {
            DtfCaches.ensure(ignite);
            cache = ignite.cache(CacheNames.REVOKED_TOKENS);
        }
        return cache;
    }
}
