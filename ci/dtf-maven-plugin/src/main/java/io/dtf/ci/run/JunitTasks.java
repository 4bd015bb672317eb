package io.dtf.ci.run;

import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.ship.Shipment;
import io.dtf.ci.surefire.SurefireSettings;
import io.dtf.model.JunitAction;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns batches into {@code junit} tasks that share what the whole run shares: the shipped class path
 * and working directory, the project's Surefire settings (tags, argLine, system properties,
 * environment), the requirements given for every task, and the task timeout. Failed tests are rerun
 * by the plugin as tasks of their own, so the coordinator retries none (it still retries machine
 * failures).
 */
public final class JunitTasks {
    private final Shipment shipment;
    private final SurefireSettings settings;
    private final List<String> commonRequirements;
    private final Duration timeout;

    public JunitTasks(Shipment shipment, SurefireSettings settings, List<String> commonRequirements, Duration timeout) {
        this.shipment = shipment;
        this.settings = settings;
        this.commonRequirements = List.copyOf(commonRequirements);
        this.timeout = timeout;
        requirements(List.of()); // a bad common requirement fails here, before anything is sent
    }

    /** The task that runs {@code batch}, with id {@code id}. */
    public TaskSpec task(String id, TestBatch batch) {
        JunitAction action = new JunitAction(shipment.classpath(), batch.selectors(), tags(settings.groups()),
                tags(settings.excludedGroups()), settings.argLine(), settings.systemProperties(), settings.environment(),
                shipment.workdir());
        return new TaskSpec(id, "junit", Map.of(), action, requirements(batch.requirements()), 0, timeout, 0, 1);
    }

    private List<Requirement> requirements(List<String> own) {
        List<Requirement> all = new ArrayList<>();
        for (String text : commonRequirements) {
            try {
                all.add(Requirement.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dtf.requirements: '" + text + "': " + e.getMessage(), e);
            }
        }
        for (String text : own) {
            try {
                all.add(Requirement.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@RequiresHardware or the tag mapping: '" + text + "': "
                        + e.getMessage(), e);
            }
        }
        return all;
    }

    /** Surefire's {@code groups} is a comma list of tags or tag expressions, any of which may match. */
    static List<String> tags(String groups) {
        return groups == null ? List.of()
                : Arrays.stream(groups.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
