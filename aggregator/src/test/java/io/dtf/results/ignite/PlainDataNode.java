package io.dtf.results.ignite;

import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;

/**
 * A data node in its own JVM whose class path lacks the aggregator, as on a machine installed
 * without it. Prints {@code started} when it has joined; stops when its standard input closes.
 */
final class PlainDataNode {
    private PlainDataNode() {
    }

    public static void main(String[] args) throws Exception {
        try (Ignite node = Ignition.start(TestNodes.node(args[0]))) {
            System.out.println("started " + node.name());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close the pipe (or to die)
            }
        }
    }
}
