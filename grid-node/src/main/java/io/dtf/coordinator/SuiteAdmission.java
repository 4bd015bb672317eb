package io.dtf.coordinator;

import io.dtf.model.Suite;
import io.dtf.suite.SuiteCheck;
import io.dtf.suite.SuiteError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the coordinator checks of a submitted suite, whoever sent it: the suite loader checks more
 * and earlier, but a client in another language sends specs straight to the service.
 */
final class SuiteAdmission {
    /** How a refusal names what it refuses. */
    static final String SOURCE = "submission";
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private SuiteAdmission() {
    }

    /**
     * Every reason to refuse the suite; empty when it may run. The limits are the suite loader's
     * ({@link SuiteCheck}), applied again here because a client may send any JSON.
     */
    static List<String> validate(Suite suite) {
        return SuiteCheck.check(suite, SOURCE).stream().map(SuiteError::toString).toList();
    }

    /** {@code <suite>-<UTC time>-<4 hex digits>}: readable, sortable, unique enough per second. */
    static String newRunId(String suite, Instant now, RandomGenerator random) {
        String prefix = suite.replaceAll("[^A-Za-z0-9_.-]", "-");
        return prefix + "-" + RUN_STAMP.format(now) + "-" + Integer.toHexString(random.nextInt(0x1000, 0x10000));
    }
}
