package io.dtf.coordinator;

import io.dtf.model.RetryPolicy;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.suite.SuiteLimits;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the coordinator checks of a submitted suite, whoever sent it: the suite loader checks more
 * and earlier, but a client in another language sends specs straight to the service.
 */
final class SuiteAdmission {
    private static final int MAX_NAME = 200;
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private SuiteAdmission() {
    }

    /** Every reason to refuse the suite; empty when it may run. */
    static List<String> validate(Suite suite) {
        List<String> errors = new ArrayList<>();
        if (suite == null || suite.name() == null || suite.name().isBlank()) {
            errors.add("suite: a name is required");
            return errors;
        }
        if (suite.name().length() > MAX_NAME) {
            errors.add("suite: the name is " + suite.name().length() + " characters long; at most " + MAX_NAME);
            return errors;
        }
        if (suite.tasks().isEmpty()) {
            errors.add("suite '" + suite.name() + "': tasks: at least one task is required");
        }
        if (suite.tasks().size() > SuiteLimits.MAX_TASKS) {
            errors.add("suite '" + suite.name() + "': " + suite.tasks().size() + " tasks, more than the limit of "
                    + SuiteLimits.MAX_TASKS + "; split it into several suites");
            return errors;
        }
        Set<String> ids = new HashSet<>();
        for (TaskSpec t : suite.tasks()) {
            if (t == null || t.id() == null || t.action() == null || t.timeout() == null) {
                errors.add("task '" + (t == null ? null : t.id()) + "': id, action and timeout are required");
            } else if (t.timeout().isNegative() || t.timeout().isZero() || t.retries() < 0
                    || t.retries() > SuiteLimits.MAX_RETRIES) {
                errors.add("task '" + t.id() + "': timeout must be positive and retries between 0 and "
                        + SuiteLimits.MAX_RETRIES);
            } else if (!validRetry(t.retry())) {
                errors.add("task '" + t.id() + "': retry.infra must be between 0 and " + SuiteLimits.MAX_INFRA_RETRIES
                        + ", and backoff and maxBackoff between " + SuiteLimits.MIN_BACKOFF.toMillis() + " ms and "
                        + SuiteLimits.MAX_BACKOFF.toMinutes() + " min, maxBackoff no less than backoff");
            } else if (!ids.add(t.id())) {
                errors.add("task '" + t.id() + "': id appears twice; task ids must be unique in a suite");
            }
        }
        return errors;
    }

    private static boolean validRetry(RetryPolicy r) {
        return r.infraRetries() >= 0 && r.infraRetries() <= SuiteLimits.MAX_INFRA_RETRIES
                && r.backoff().compareTo(SuiteLimits.MIN_BACKOFF) >= 0
                && r.maxBackoff().compareTo(SuiteLimits.MAX_BACKOFF) <= 0
                && r.maxBackoff().compareTo(r.backoff()) >= 0;
    }

    /** {@code <suite>-<UTC time>-<4 hex digits>}: readable, sortable, unique enough per second. */
    static String newRunId(String suite) {
        String prefix = suite.replaceAll("[^A-Za-z0-9_.-]", "-");
        return prefix + "-" + RUN_STAMP.format(Instant.now()) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
