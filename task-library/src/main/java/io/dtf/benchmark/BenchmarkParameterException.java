package io.dtf.benchmark;

/** A task param that a benchmark cannot use: the message names the param and says what was expected. */
public final class BenchmarkParameterException extends IllegalArgumentException {
    private final String parameter;

    public BenchmarkParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The name of the offending param. */
    public String parameter() {
        return parameter;
    }
}
