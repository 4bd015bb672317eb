package io.dtf.simulation;

import io.dtf.hardware.HardwareKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a workers file: {@code hw_class,count,slots,tags,speed[,attributes]}, one hardware class a
 * line, tags separated by {@code ;}, attributes as {@code key=value} pairs separated by {@code ;} (the
 * keys of requirements: {@code os}, {@code memory}, {@code dtf.browser.chrome}...). Example:
 * <pre>
 * hw_class,count,slots,tags,speed,attributes
 * x86-fast,200,8,linux,2.0,os=linux;memory=64GiB
 * gpu-a100,20,4,linux;gpu;cuda,1.5,os=linux;gpu.memory=80GiB
 * </pre>
 */
public final class WorkersFile {
    /** The most workers one simulation models, across all lines. */
    public static final int MAX_WORKERS = 100_000;
    static final int MAX_SLOTS = 1_024;
    static final double MAX_SPEED = 1_000;
    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,200}");
    private static final List<String> COLUMNS = List.of("hw_class", "count", "slots", "tags", "speed");
    /** Keys the other columns set, or that the simulation sets as every worker's. */
    private static final Set<String> OWN = Set.of(HardwareKeys.HW_CLASS, HardwareKeys.SLOTS, HardwareKeys.TAGS,
            HardwareKeys.ROLES, HardwareKeys.COMMANDS);

    private WorkersFile() {
    }

    public static List<WorkerClass> read(Path file) throws InputException {
        CsvFile csv = CsvFile.read(file, MAX_BYTES, 10_000, COLUMNS, List.of("attributes"));
        List<WorkerClass> classes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (CsvFile.Row row : csv.rows()) {
            String hwClass = CsvValues.text(row, 0, "hw_class", null);
            if (!NAME.matcher(hwClass).matches()) {
                throw row.error(0, "hw_class", "'" + CsvFile.abbreviated(hwClass) + "' is not a valid class name; use"
                        + " letters, digits, '_', '.', '+' or '-'");
            }
            if (!seen.add(hwClass)) {
                throw row.error(0, "hw_class", "'" + hwClass + "' appears twice; give each class one line");
            }
            int count = (int) CsvValues.integer(row, 1, "count", 1, MAX_WORKERS, null);
            total += count;
            if (total > MAX_WORKERS) {
                throw row.error(1, "count", "the workers add up to " + total + ", more than the " + MAX_WORKERS
                        + " one simulation models");
            }
            int slots = (int) CsvValues.integer(row, 2, "slots", 1, MAX_SLOTS, null);
            List<String> tags = tags(row);
            double speed = CsvValues.decimal(row, 4, "speed", 0.001, MAX_SPEED);
            classes.add(new WorkerClass(hwClass, count, slots, tags, speed, attributes(row)));
        }
        if (classes.isEmpty()) {
            throw new InputException(file, 0, 0, null, "no workers; add a line such as x86,10,4,linux,1.0");
        }
        return classes;
    }

    private static Map<String, String> attributes(CsvFile.Row row) throws InputException {
        Map<String, String> out = new LinkedHashMap<>();
        String text = CsvValues.text(row, 5, "attributes", "");
        for (String pair : Arrays.stream(text.split(";")).map(String::strip).filter(p -> !p.isEmpty()).toList()) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq).strip();
            String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (eq < 0 || value.isEmpty()) {
                throw row.error(5, "attributes", "'" + CsvFile.abbreviated(pair) + "' is not key=value; write e.g."
                        + " os=linux;memory=64GiB");
            }
            String key = HardwareKeys.resolve(name).orElseThrow(() -> row.error(5, "attributes", "unknown attribute '"
                    + CsvFile.abbreviated(name) + "'; use one of " + HardwareKeys.aliasList() + ", or a key starting"
                    + " with dtf."));
            if (OWN.contains(key)) {
                throw row.error(5, "attributes", "'" + name + "' is set by the simulation or another column");
            }
            out.put(key, value);
        }
        return out;
    }

    private static List<String> tags(CsvFile.Row row) throws InputException {
        String text = CsvValues.text(row, 3, "tags", "");
        List<String> tags = Arrays.stream(text.split(";")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        for (String tag : tags) {
            if (!NAME.matcher(tag).matches()) {
                throw row.error(3, "tags", "'" + CsvFile.abbreviated(tag) + "' is not a valid tag; use letters,"
                        + " digits, '_', '.', '+' or '-', tags separated by ';'");
            }
        }
        return tags;
    }
}
