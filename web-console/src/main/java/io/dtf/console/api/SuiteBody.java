package io.dtf.console.api;

import io.dtf.model.Suite;
import io.dtf.suite.SuiteError;
import io.dtf.suite.SuiteLoader;
import io.dtf.suite.SuiteValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A suite sent as a request body, read with the suite loader (so its errors name the entry and the
 * field): YAML or JSON as the Content-Type says, at most {@value #MAX_BYTES} bytes, refused unread
 * when larger.
 */
final class SuiteBody {
    /** 1 MiB: a suite typed or pasted into a page; larger ones go through {@code dtf submit}. */
    static final int MAX_BYTES = 1 << 20;
    private static final String SOURCE = "request body";
    private static final Set<String> YAML = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
            "text/plain");
    private static final String JSON = "application/json";

    private SuiteBody() {
    }

    /** The suite in {@code ctx}'s body; an {@link ApiException} (413, 415, 400) saying what to fix. */
    static Suite read(Context ctx) {
        String type = mediaType(ctx.contentType());
        if (!JSON.equals(type) && !YAML.contains(type)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the suite as application/yaml or "
                    + "application/json" + (type.isEmpty() ? "" : ", not " + Ids.echo(type)), "Content-Type");
        }
        String text = text(ctx);
        if (JSON.equals(type) && !startsLikeJson(text)) {
            throw ApiException.badRequest(null, "the body is not a JSON object; a suite in JSON starts with '{' "
                    + "(send YAML as application/yaml)");
        }
        try {
            return SuiteLoader.parse(text, SOURCE);
        } catch (SuiteValidationException e) {
            throw new SuiteRefused(refusal(e.errors()));
        }
    }

    private static String text(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > MAX_BYTES) {
            throw tooLarge(declared);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1); // a body sent without its length is cut here, never read whole
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(-1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(null, "the body is not UTF-8 text");
        }
    }

    private static ApiException tooLarge(long bytes) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "the suite is " + (bytes < 0 ? "more than 1 MiB"
                : bytes + " bytes") + "; the console takes up to 1 MiB (" + MAX_BYTES + " bytes): submit larger "
                + "suites with 'dtf submit SUITE'", null);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean startsLikeJson(String text) {
        String s = text.stripLeading();
        return s.startsWith("{") || s.startsWith("\uFEFF{");
    }

    private static SuiteRefusal refusal(List<SuiteError> errors) {
        List<SuiteRefusal.Problem> problems = errors.stream()
                .map(e -> new SuiteRefusal.Problem(e.task(), e.position(), path(e), e.toString())).toList();
        boolean localFiles = errors.stream().anyMatch(e -> e.message().contains("came from no file"));
        String message = localFiles
                ? "this suite names local files (class paths or working folders of junit or jmh tasks), which the console"
                        + " cannot read from your disk: submit it with 'dtf submit SUITE', which uploads them"
                : errors.size() == 1 ? errors.get(0).toString()
                : errors.size() + " problems in the suite, first: " + errors.get(0);
        return new SuiteRefusal(400, message, problems.isEmpty() ? null : problems.get(0).field(), problems);
    }

    /** {@code tasks[1].timeout}: the entry's index in the list (0-based), then the loader's field. */
    static String path(SuiteError e) {
        if (e.position() > 0) {
            return "tasks[" + (e.position() - 1) + "]" + (e.field() == null ? "" : "." + e.field());
        }
        return e.field();
    }

    /** A suite the loader refused, answered as a {@link SuiteRefusal}. */
    static final class SuiteRefused extends RuntimeException {
        private final transient SuiteRefusal refusal;

        SuiteRefused(SuiteRefusal refusal) {
            super(refusal.message());
            this.refusal = refusal;
        }

        SuiteRefusal refusal() {
            return refusal;
        }
    }
}
