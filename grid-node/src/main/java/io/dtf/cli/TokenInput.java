package io.dtf.cli;

import io.dtf.security.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code dtf token} accepts on its command line, checked as the line is read: a refusal is a
 * usage error naming the option. What is refused is not repeated back (it may be long, or hold
 * terminal escapes).
 */
final class TokenInput {
    private TokenInput() {
    }

    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Names that read safely in logs and the audit. */
    static final class SubjectConverter implements ITypeConverter<String> {
        private static final Pattern SUBJECT = Pattern.compile("[\\p{L}\\p{N}._@:/+-]{1,200}");

        @Override
        public String convert(String value) {
            if (!SUBJECT.matcher(value).matches()) {
                throw new TypeConversionException(value.length() > 200 ? "a subject is at most 200 characters, not "
                        + value.length() : "a subject is letters, digits and . _ - @ : / + only, e.g. ci-main or "
                        + "jane@example.org");
            }
            return value;
        }
    }

    static final class TagConverter implements ITypeConverter<String> {
        private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

        @Override
        public String convert(String value) {
            if (!TAG.matcher(value.strip()).matches()) {
                throw new TypeConversionException("a tag is 1 to 64 letters, digits and . _ - :, e.g. gpu or cuda-12");
            }
            return value.strip();
        }
    }

    static final class AttributeKeyConverter implements ITypeConverter<String> {
        private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");

        @Override
        public String convert(String value) {
            if (!KEY.matcher(value.strip()).matches()) {
                throw new TypeConversionException("an attribute key is 1 to 128 letters, digits and . _ -, "
                        + "e.g. dtf.gpu.count");
            }
            return value.strip();
        }
    }

    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("not an instant; write ISO-8601 in UTC, e.g. 2027-01-31T00:00:00Z");
            }
        }
    }
}
