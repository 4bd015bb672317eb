package io.dtf.security;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Who made the service call this thread is serving, once the call's token has been checked: the
 * coordinator takes a run's owner from here. Empty when security is off.
 */
public final class ServiceCaller {
    private static final ThreadLocal<Principal> CURRENT = new ThreadLocal<>();

    private ServiceCaller() {
    }

    /** The caller of the service call being served on this thread, if security checked one. */
    public static Optional<Principal> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code call} as {@code caller}; a nested call (one service calling another) restores the outer caller. */
    public static <T> T as(Principal caller, Callable<T> call) throws Exception {
        Principal outer = CURRENT.get();
        CURRENT.set(caller);
        try {
            return call.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
