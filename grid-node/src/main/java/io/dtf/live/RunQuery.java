package io.dtf.live;

/**
 * Which runs to list.
 *
 * @param suite  only runs of suites whose name contains this text (any case), or null for all
 * @param active true: runs still going; false: ended runs; null: both
 */
public record RunQuery(String suite, Boolean active, int offset, int limit) {
}
