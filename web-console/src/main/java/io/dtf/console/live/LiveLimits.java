package io.dtf.console.live;

import java.time.Duration;

/**
 * The bounds of {@code /ws}, every one of which keeps memory and work fixed however many changes
 * or clients come. Defaults suit a grid of thousands of tasks a second and a few hundred open pages;
 * each can be set with a system property {@code dtf.console.ws.NAME} (e.g. {@code -Ddtf.console.ws.maxSessions=2000}).
 *
 * @param tick              how often changes are sent: one frame (or a few, see {@code maxEventsPerFrame}) per tick
 * @param maxEventsPerFrame the most events in one frame; a tick with more sends several frames
 * @param maxPending        the most distinct changes held between two ticks; beyond it every page is told to resync
 * @param ringFrames        how many recent frames are kept for pages that reconnect ({@code ?since=N})
 * @param ringChars         the most characters those frames may hold in all
 * @param maxQueuedFrames   the most frames waiting for one slow page; beyond it that page gets a resync instead
 * @param maxQueuedChars    the most characters waiting for one slow page
 * @param maxSessions       the most pages connected at once; more are refused (503) until some leave
 * @param maxRunsPerTick    the most runs whose progress one tick reads; the rest wait for the next tick
 * @param alertPoll         how often the coordinator's alerts are read
 */
public record LiveLimits(Duration tick, int maxEventsPerFrame, int maxPending, int ringFrames, long ringChars,
                         int maxQueuedFrames, long maxQueuedChars, int maxSessions, int maxRunsPerTick,
                         Duration alertPoll) {
    private static final String PREFIX = "dtf.console.ws.";

    public static LiveLimits defaults() {
        return new LiveLimits(Duration.ofMillis(250), 500, 20_000, 512, 16L << 20, 256, 4L << 20, 1_000, 200,
                Duration.ofSeconds(2));
    }

    /** The defaults, each replaced by its system property when set. */
    public static LiveLimits fromSystemProperties() {
        LiveLimits d = defaults();
        return new LiveLimits(Duration.ofMillis(Long.getLong(PREFIX + "tickMillis", d.tick.toMillis())),
                Integer.getInteger(PREFIX + "maxEventsPerFrame", d.maxEventsPerFrame),
                Integer.getInteger(PREFIX + "maxPending", d.maxPending),
                Integer.getInteger(PREFIX + "ringFrames", d.ringFrames),
                Long.getLong(PREFIX + "ringChars", d.ringChars),
                Integer.getInteger(PREFIX + "maxQueuedFrames", d.maxQueuedFrames),
                Long.getLong(PREFIX + "maxQueuedChars", d.maxQueuedChars),
                Integer.getInteger(PREFIX + "maxSessions", d.maxSessions),
                Integer.getInteger(PREFIX + "maxRunsPerTick", d.maxRunsPerTick),
                Duration.ofMillis(Long.getLong(PREFIX + "alertPollMillis", d.alertPoll.toMillis())));
    }
}
