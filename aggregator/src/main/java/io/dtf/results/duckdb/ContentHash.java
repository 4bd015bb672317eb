package io.dtf.results.duckdb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dtf.model.TaskResult;
import io.dtf.model.TestCase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of everything a result holds, stored with it ({@code results.content_hash}), so that the
 * store can tell a second delivery of the same result (skipped) from a different result under the
 * same identity (kept, and recorded as a conflict) without reading the stored row back.
 *
 * <p>SHA-256 of the result's JSON with map entries and properties sorted, so equal records give
 * equal digests in any JVM (a {@code Map.copyOf} iterates in a per-JVM random order). Computed from
 * the record as it arrives, before the store truncates timestamps or merges metric names.
 */
final class ContentHash {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addMixIn(TaskResult.class, NoEmptyTests.class)
            .build();

    /** A result without test cases digests as it did before results had them, so its redelivery is not a conflict. */
    private abstract static class NoEmptyTests {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract List<TestCase> tests();
    }

    private ContentHash() {
    }

    static String of(TaskResult result) {
        try {
            byte[] json = CANONICAL.writeValueAsString(result).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("result " + result.seq() + " cannot be written as JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
