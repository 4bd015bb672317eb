package io.dtf.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a workers file: {@code hw_class,count,slots,tags,speed}, one hardware class a line, tags
 * separated by {@code ;}. Example:
 * <pre>
 * hw_class,count,slots,tags,speed
 * x86-fast,200,8,linux,2.0
 * gpu-a100,20,4,linux;gpu;cuda,1.5
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

    private WorkersFile() {
    }

    public static List<WorkerClass> read(Path file) throws InputException {
        CsvFile csv = CsvFile.read(file, MAX_BYTES, 10_000, COLUMNS, List.of());
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
            classes.add(new WorkerClass(hwClass, count, slots, tags, speed));
        }
        if (classes.isEmpty()) {
            throw new InputException(file, 0, 0, null, "no workers; add a line such as x86,10,4,linux,1.0");
        }
        return classes;
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
