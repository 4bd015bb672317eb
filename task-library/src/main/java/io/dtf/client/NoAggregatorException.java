package io.dtf.client;

/** The grid has no node with the {@code aggregator} role, so no one can answer reads of stored results. */
public class NoAggregatorException extends RuntimeException {
    public NoAggregatorException(String grid) {
        super("the grid at " + grid + " has no aggregator node, so nothing there keeps results in DuckDB: start one "
                + "(`dtf node --roles aggregator` joined to that grid, or a server with config/ignite-server.xml), "
                + "or read a DuckDB file with --db FILE");
    }
}
