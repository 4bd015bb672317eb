package io.dtf.simulation;

import io.dtf.requirements.Requirement;
import io.dtf.requirements.RequirementSyntaxException;
import io.dtf.suite.SuiteLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a workload file: {@code task,requirements,duration_ms[,priority][,exclusive]}, one task a
 * line; requirements in the suite syntax separated by {@code ;} (quote the field when one holds a
 * comma). Example:
 * <pre>
 * task,requirements,duration_ms,priority,exclusive
 * unit-1,,1200
 * train-7,tag gpu;memory >= 16GiB,600000,10
 * bench-3,"os in [linux, macos]",90000,0,true
 * </pre>
 */
public final class WorkloadFile {
    /** The most tasks one simulation reads. */
    public static final int MAX_TASKS = 1_000_000;
    /** A week: what a suite may give as a timeout. */
    static final long MAX_DURATION_MS = SuiteLimits.MAX_TIMEOUT.toMillis();
    private static final long MAX_BYTES = 128L << 20;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1," + SuiteLimits.MAX_NAME_LENGTH + "}");

    private WorkloadFile() {
    }

    public static List<WorkloadTask> read(Path file) throws InputException {
        CsvFile csv = CsvFile.read(file, MAX_BYTES, MAX_TASKS, List.of("task", "requirements", "duration_ms"),
                List.of("priority", "exclusive"));
        List<WorkloadTask> tasks = new ArrayList<>(csv.rows().size());
        Set<String> ids = new HashSet<>();
        for (CsvFile.Row row : csv.rows()) {
            String id = CsvValues.text(row, 0, "task", null);
            if (!ID.matcher(id).matches()) {
                throw row.error(0, "task", "'" + CsvFile.abbreviated(id) + "' is not a valid task name; use 1 to "
                        + SuiteLimits.MAX_NAME_LENGTH + " letters, digits, '_', '.' or '-'");
            }
            if (!ids.add(id)) {
                throw row.error(0, "task", "'" + id + "' appears twice; task names must be unique");
            }
            List<Requirement> requirements = requirements(row);
            long duration = CsvValues.integer(row, 2, "duration_ms", 1, MAX_DURATION_MS, null);
            int priority = (int) CsvValues.integer(row, 3, "priority", SuiteLimits.MIN_PRIORITY,
                    SuiteLimits.MAX_PRIORITY, 0L);
            boolean exclusive = CsvValues.bool(row, 4, "exclusive");
            tasks.add(new WorkloadTask(id, requirements, duration, priority, exclusive));
        }
        if (tasks.isEmpty()) {
            throw new InputException(file, 0, 0, null, "no tasks; add a line such as unit-1,,1200");
        }
        return tasks;
    }

    private static List<Requirement> requirements(CsvFile.Row row) throws InputException {
        String text = CsvValues.text(row, 1, "requirements", "");
        List<Requirement> out = new ArrayList<>();
        for (String line : Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            try {
                out.add(Requirement.parse(line));
            } catch (RequirementSyntaxException e) {
                throw row.error(1, "requirements", e.getMessage() + " (requirements are separated by ';')");
            }
        }
        return out;
    }
}
