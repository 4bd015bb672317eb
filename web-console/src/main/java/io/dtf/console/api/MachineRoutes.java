package io.dtf.console.api;

import io.dtf.console.grid.ConsoleGrid;
import io.dtf.console.machines.GridMachines;
import io.javalin.Javalin;

/**
 * The routes about the grid's machines, registered together: workers, topology, alerts and the
 * overview. See docs/CONSOLE.md, "Machines: overview, workers, topology".
 */
public final class MachineRoutes {
    private final ConsoleGrid grid;

    public MachineRoutes(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        GridMachines machines = new GridMachines(grid);
        new WorkerRoutes(machines).register(app);
        new TopologyRoutes(machines).register(app);
        new AlertRoutes(machines).register(app);
        new OverviewRoutes(grid).register(app);
    }
}
