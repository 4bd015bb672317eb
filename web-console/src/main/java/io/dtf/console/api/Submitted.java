package io.dtf.console.api;

import java.util.List;

/**
 * An accepted submission.
 *
 * @param url      the run's page
 * @param api      the run in the API
 * @param warnings what the coordinator says about the accepted run (a requirement no node has advertised)
 */
public record Submitted(String runId, String url, String api, List<String> warnings) {
}
