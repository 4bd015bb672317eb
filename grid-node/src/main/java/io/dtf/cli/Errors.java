package io.dtf.cli;

import io.dtf.client.AccessDeniedException;
import io.dtf.client.GridUnreachableException;
import org.apache.ignite.client.ClientConnectionException;

/** Turns an exception into one line a person can act on. */
final class Errors {
    private Errors() {
    }

    /** As {@link #describe(Throwable, String)}, for a command that talks to no grid. */
    static String describe(Throwable e) {
        return describe(e, null);
    }

    /**
     * @param grid the {@code --grid} addresses the command used, or null when it used none (an
     *             embedded node): network errors name them and say what to check
     */
    static String describe(Throwable e, String grid) {
        var denied = AccessDeniedException.in(e);
        if (denied.isPresent()) {
            return "access denied: " + denied.get().detail();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GridUnreachableException unreachable) {
                String message = unreachable.getMessage();
                return message + (message.endsWith("?") ? " " : "; ") + "check --grid";
            }
            if (t instanceof ClientConnectionException lost) {
                // After connecting: the node went away mid-command ("Channel is closed").
                return "lost the connection to the grid" + (grid == null ? "" : " at " + grid) + " ("
                        + reason(lost) + "): did the node stop? See its log, then try again";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof java.net.ConnectException || message.contains("Connection refused")) {
            return "cannot reach the grid" + (grid == null ? "" : " at " + grid) + " (" + message
                    + "): is a DTF node running there? Start one with `dtf node`, or check --grid.";
        }
        return message;
    }

    /** The exit code for a command that failed with {@code e}: {@link ExitCodes#ACCESS_DENIED} or {@link ExitCodes#GRID_ERROR}. */
    static int exitCode(Throwable e) {
        return AccessDeniedException.in(e).isPresent() ? ExitCodes.ACCESS_DENIED : ExitCodes.GRID_ERROR;
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\[remoteAddress=[^]]*]", "").strip();
    }
}
