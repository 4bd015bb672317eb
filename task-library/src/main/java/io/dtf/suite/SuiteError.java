package io.dtf.suite;

/**
 * One thing wrong with a suite file, located as precisely as the loader can.
 *
 * <pre>
 *   quickstart.yaml: task 'sha256' (#2), field 'timeout': '10 parsecs' is not a duration; write e.g. 500ms, 30s, 10m, 1h30m, 2h
 * </pre>
 *
 * @param source   the file name (or the name a caller gave the text)
 * @param task     the task entry's name, null for errors outside a task or in an entry without a name
 * @param position the 1-based position of the entry in {@code tasks}, 0 outside a task
 * @param field    the field, dotted below the entry ({@code params.size}, {@code defaults.timeout}), or null
 * @param message  what is wrong and, where it helps, what would be valid
 */
public record SuiteError(String source, String task, int position, String field, String message) {

    /** An error outside any task entry. */
    public SuiteError(String source, String field, String message) {
        this(source, null, 0, field, message);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(source).append(": ");
        if (task != null) {
            s.append("task '").append(task).append("'");
            if (position > 0) {
                s.append(" (#").append(position).append(")");
            }
            s.append(", ");
        } else if (position > 0) {
            s.append("task #").append(position).append(", ");
        }
        if (field != null) {
            s.append("field '").append(field).append("': ");
        }
        return s.append(message).toString();
    }
}
