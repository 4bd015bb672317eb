package io.dtf.model;

/**
 * How one test case ended, as Surefire tells them apart: a failed assertion is FAILED, any other
 * exception ERROR. FLAKY is a test that failed and then passed on a rerun (the plan, not one
 * attempt, decides that).
 */
public enum TestStatus {
    PASSED, FAILED, ERROR, SKIPPED, FLAKY
}
