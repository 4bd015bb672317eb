package io.dtf.node;

import org.apache.ignite.Ignite;
import org.apache.ignite.failure.AbstractFailureHandler;
import org.apache.ignite.failure.FailureContext;
import org.apache.ignite.failure.FailureType;
import org.apache.ignite.failure.FailureHandler;
import org.apache.ignite.failure.StopNodeOrHaltFailureHandler;

/**
 * The config's failure handler (stop the node, in DTF's configs), remembering why it acted, so
 * that {@code dtf node} and {@code dtf run} can say why their node stopped (out of data-region
 * memory, segmented from the grid, a critical thread died) instead of ending as if all were well.
 */
public final class RecordingFailureHandler implements FailureHandler {
    private final FailureHandler handler;
    private volatile String reason;
    private volatile boolean segmented;

    private RecordingFailureHandler(FailureHandler handler) {
        this.handler = handler;
    }

    /** Wraps {@code handler}, or Ignite's default when it is null. */
    static RecordingFailureHandler wrap(FailureHandler handler) {
        if (handler instanceof RecordingFailureHandler recording) {
            return recording;
        }
        return new RecordingFailureHandler(handler != null ? handler : new StopNodeOrHaltFailureHandler());
    }

    @Override
    public boolean onFailure(Ignite ignite, FailureContext ctx) {
        boolean ignored = handler instanceof AbstractFailureHandler h && h.getIgnoredFailureTypes().contains(ctx.type());
        String was = reason;
        if (!ignored && was == null) {
            reason = describe(ctx); // before the handler starts stopping the node: whoever sees it stopped reads this
            segmented = ctx.type() == FailureType.SEGMENTATION;
        }
        boolean invalidated = handler.onFailure(ignite, ctx);
        if (!invalidated && was == null) {
            reason = null;
            segmented = false;
        }
        return invalidated;
    }

    /** Why the handler stopped (or is stopping) the node, or null if it never did. */
    public String reason() {
        return reason;
    }

    /** Whether the handler stopped the node because it was cut off from the grid. */
    public boolean segmented() {
        return segmented;
    }

    static String describe(FailureContext ctx) {
        Throwable root = ctx.error();
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = switch (ctx.type()) {
            case SEGMENTATION -> "it was cut off from the grid (segmented)";
            case SYSTEM_WORKER_TERMINATION -> "one of Ignite's critical threads died";
            default -> "a critical failure (" + ctx.type() + ")";
        };
        return what + (root == null ? "" : ": " + root.getClass().getSimpleName() + ": " + root.getMessage());
    }

    @Override
    public String toString() {
        return "RecordingFailureHandler[" + handler + "]";
    }
}
