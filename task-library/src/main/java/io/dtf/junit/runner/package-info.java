/**
 * The main class a {@code junit} task's test JVM runs: the JUnit Platform launcher over the task's
 * selectors, one JSON line per test written to a file the worker reads afterwards.
 *
 * <p>These classes run on the <em>project's</em> class path, next to its own JUnit Platform: they
 * use only the JDK and the launcher API that JUnit Platform 1.0 already had, so that a project on an
 * older or newer JUnit 5 runs unchanged, and they bring no library of DTF's (no Jackson, no slf4j,
 * no Ignite) that could clash with the project's. See docs/TASK-TYPES.md, "junit tasks".
 */
package io.dtf.junit.runner;
