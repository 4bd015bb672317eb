package io.dtf.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The one codec for everything that crosses Ignite (cache values, compute jobs, service calls).
 *
 * <p>Why JSON and not Ignite's binary marshaller: the model is Java records, which Ignite 2.17's
 * binary marshaller cannot build (it needs field offsets that the JDK refuses for records); and
 * JSON keeps the wire readable by thin clients in any language. Unknown fields are ignored, so an
 * older node can read what a newer one wrote.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            // Instants as epoch seconds with nanoseconds (1795870262.729000000): exact, read by any
            // language, and far cheaper than ISO text, which was a visible cost per task.
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * For what people and other tools read (console, files): instants as ISO-8601 UTC text, and
     * every non-ASCII character escaped, so no text from a suite or the grid reaches a terminal as
     * a raw control sequence (C1 controls included).
     */
    private static final ObjectMapper REPORT_MAPPER = MAPPER.copy()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The mapper of {@link #writeReport}: ISO-8601 instants, non-ASCII escaped (what the console's API answers in). */
    public static ObjectMapper reportMapper() {
        return REPORT_MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * JSON for output that leaves DTF (the CLI's {@code --format json}, report files): instants as
     * ISO-8601 UTC ({@code 2026-12-01T15:32:02.729Z}), durations as ISO-8601 ({@code PT5M}), never
     * epoch numbers. {@link #read} reads both forms.
     */
    public static String writeReport(Object value) {
        try {
            return REPORT_MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot decode " + type.getType() + ": " + e.getOriginalMessage(), e);
        }
    }
}
