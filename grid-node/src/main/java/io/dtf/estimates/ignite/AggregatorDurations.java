package io.dtf.estimates.ignite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.client.AggregatorApi;
import io.dtf.model.DurationQuery;
import io.dtf.model.DurationSample;
import io.dtf.wire.Json;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;

/**
 * Reads the grid's task durations from an aggregator node's service ({@link AggregatorApi#taskDurations}),
 * as the grid node it runs on (no token: the service admits it with the node role). Blocks for up to the
 * call timeout; throws when no aggregator answers.
 */
final class AggregatorDurations implements Supplier<List<DurationSample>> {
    /** How long a call waits for an aggregator to be deployed and to answer. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final TypeReference<List<DurationSample>> SAMPLES = new TypeReference<>() { };

    private final Ignite ignite;
    private final String queryJson;

    AggregatorDurations(Ignite ignite, DurationQuery query) {
        this.ignite = ignite;
        this.queryJson = Json.write(query);
    }

    @Override
    public List<DurationSample> get() {
        AggregatorApi aggregator = ignite.services().serviceProxy(AggregatorApi.SERVICE_NAME, AggregatorApi.class,
                false, CALL_TIMEOUT.toMillis());
        return Json.read(aggregator.taskDurations(queryJson), SAMPLES);
    }
}
