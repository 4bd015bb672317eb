package io.dtf.suite;

import io.dtf.model.CommandAction;
import io.dtf.model.TaskAction;
import io.dtf.model.TaskSpec;
import io.dtf.wire.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns one entry into its tasks: one per combination of parameter values (the cartesian product
 * of the lists, keys in sorted order) per repetition, each repetition of a combination next to
 * the others.
 *
 * <p>Ids: {@code name} alone when the entry has no params and repeat 1; otherwise
 * {@code name[k1=v1,k2=v2]} with {@code #r} (1-based) appended when repeat > 1, e.g.
 * {@code sha256[mode=fast,size=1MiB]#2}. Control characters in a value are escaped in the id
 * ({@code \n}), since ids are printed; the task's params keep the value as written.
 */
final class MatrixExpansion {
    private MatrixExpansion() {
    }

    /** How many tasks the entry expands to (Long.MAX_VALUE when that overflows), computed without expanding. */
    static long count(TaskEntry entry) {
        long count = entry.repeat();
        try {
            for (List<String> values : entry.params().values()) {
                count = Math.multiplyExact(count, values.size());
            }
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return count;
    }

    static List<TaskSpec> expand(TaskEntry entry) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (Map<String, String> params : combinations(entry.params())) {
            TaskAction action = substitute(entry.action(), params);
            for (int r = 1; r <= entry.repeat(); r++) {
                tasks.add(new TaskSpec(taskId(entry.name(), params, r, entry.repeat()), entry.name(), params,
                        action, entry.requirements(), entry.priority(), entry.timeout(), entry.retries(), r,
                        entry.retry(), entry.fallback(), entry.exclusive()));
            }
        }
        return tasks;
    }

    static String taskId(String name, Map<String, String> params, int repetition, int repeat) {
        StringBuilder id = new StringBuilder(name);
        if (!params.isEmpty()) {
            id.append(new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + SafeText.line(e.getValue()))
                    .collect(Collectors.joining(",", "[", "]")));
        }
        if (repeat > 1) {
            id.append('#').append(repetition);
        }
        return id.toString();
    }

    /** Every combination, the last key varying fastest; one empty map when there are no params. */
    private static List<Map<String, String>> combinations(Map<String, List<String>> params) {
        List<Map<String, String>> result = new ArrayList<>();
        result.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>(result.size() * param.getValue().size());
            for (Map<String, String> partial : result) {
                for (String value : param.getValue()) {
                    Map<String, String> combination = new LinkedHashMap<>(partial);
                    combination.put(param.getKey(), value);
                    next.add(combination);
                }
            }
            result = next;
        }
        return result;
    }

    private static TaskAction substitute(TaskAction action, Map<String, String> params) {
        if (action instanceof CommandAction c) {
            int script = ShellScripts.scriptIndex(c.argv());
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < c.argv().size(); i++) {
                argv.add(i == script ? ShellScripts.substitute(c.argv().get(i), params)
                        : Placeholders.substitute(c.argv().get(i), params));
            }
            Map<String, String> env = new LinkedHashMap<>();
            c.env().forEach((k, v) -> env.put(k, Placeholders.substitute(v, params)));
            String workdir = c.workdir() == null ? null : Placeholders.substitute(c.workdir(), params);
            return new CommandAction(argv, env, workdir);
        }
        return action;
    }
}
