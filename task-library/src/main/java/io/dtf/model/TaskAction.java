package io.dtf.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a task does on the worker that runs it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CommandAction.class, name = "command"),
        @JsonSubTypes.Type(value = BenchmarkAction.class, name = "benchmark")
})
public sealed interface TaskAction permits CommandAction, BenchmarkAction {
    /** The task type as written in a suite file. */
    String typeName();
}
