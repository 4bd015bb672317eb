/**
 * The {@code junit} and {@code jmh} task types: a JVM of the worker's own {@code java}, forked on the
 * task's class path (artifacts the worker holds by digest), run through
 * {@link io.dtf.worker.command.CommandRunner} like a command (timeout, process tree, clean environment,
 * allow-list, limits), and its results read back from files in the attempt's directory.
 * See docs/TASK-TYPES.md, "junit tasks" and "jmh tasks".
 */
package io.dtf.worker.jvm;
