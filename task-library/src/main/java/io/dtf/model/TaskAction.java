package io.dtf.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a task does on the worker that runs it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CommandAction.class, name = "command"),
        @JsonSubTypes.Type(value = BenchmarkAction.class, name = "benchmark"),
        @JsonSubTypes.Type(value = JunitAction.class, name = "junit"),
        @JsonSubTypes.Type(value = JmhAction.class, name = "jmh")
})
public sealed interface TaskAction permits CommandAction, BenchmarkAction, JunitAction, JmhAction {
    /** The task type as written in a suite file. */
    String typeName();
}
