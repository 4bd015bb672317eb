package io.dtf.ci.report;

import io.dtf.wire.Json;

/**
 * {@code badge.json}, a shields.io endpoint badge: serve the file (e.g. from the CI's artifacts or
 * pages) and point {@code https://img.shields.io/endpoint?url=...} at it.
 *
 * <p>Red when a test failed, yellow when none failed but some were flaky, green otherwise; light
 * grey with "no tests" when there were none.
 */
final class Badge {
    record Endpoint(int schemaVersion, String label, String message, String color) {
    }

    private Badge() {
    }

    static Endpoint of(Tally tally) {
        if (tally.tests() == 0) {
            return new Endpoint(1, "tests", "no tests", "lightgrey");
        }
        String message = tally.passed() + " passed, " + tally.broken() + " failed, " + tally.flaky() + " flaky";
        String color = tally.broken() > 0 ? "red" : tally.flaky() > 0 ? "yellow" : "green";
        return new Endpoint(1, "tests", message, color);
    }

    static String render(Tally tally) {
        return Json.writeReport(of(tally)) + "\n";
    }
}
