package io.dtf.node;

/** An extension running on a node: stopped when the node stops, before the node leaves the grid. */
public interface RunningExtension extends AutoCloseable {
    /** Where people reach it, as the node prints at start-up ({@code web console on http://127.0.0.1:8080}). */
    String describe();

    @Override
    void close();
}
