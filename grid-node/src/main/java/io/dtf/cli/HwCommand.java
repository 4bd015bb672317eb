package io.dtf.cli;

import io.dtf.node.Roles;
import io.dtf.node.hardware.HardwareDetector;
import io.dtf.node.hardware.HardwareReport;
import io.dtf.node.hardware.NodeAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dtf hw}: what this machine would advertise as a node, detected and declared. */
@Command(name = "hw", description = "Print the hardware attributes this machine would advertise as a grid node.")
final class HwCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Option(names = "--tags", paramLabel = "LIST", split = ",", description = "Tags to include, as `dtf node --tags` would.")
    List<String> tags = List.of();

    @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "Declared attributes, as `dtf node --attr` would.")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--slots", paramLabel = "N", description = "Slots, as `dtf node --slots` would.")
    Integer slots;

    @Mixin
    DataDirOptions data;

    @Override
    public Integer call() {
        DtfCli.configureLogging(data.dir(), false);
        NodeAttributes node = NodeAttributes.of(new HardwareDetector().detect(data.dir()))
                .roles(List.of(Roles.COORDINATOR, Roles.DATA, Roles.WORKER, Roles.AGGREGATOR))
                .tags(tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList())
                .overrides(attributes);
        if (slots != null) {
            node = node.slots(slots);
        }
        HardwareReport report = new HardwareReport(node);
        System.out.print(json ? report.json() + "\n" : report.table());
        return ExitCodes.OK;
    }
}
