package io.dtf.cli;

import io.dtf.suite.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Every {@link Duration} option reads as a suite does: {@code 10m}, {@code 90s}, {@code 1h30m} or ISO-8601 {@code PT10M}. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return DurationText.parse(value).orElseThrow(() -> new TypeConversionException(
                "'" + value + "' is not a duration; " + DurationText.EXAMPLES + ", or ISO-8601 such as PT1H30M"));
    }
}
