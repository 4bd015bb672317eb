package io.dtf.worker.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment a command starts with: a few variables every program expects, never the rest of
 * the worker's own. A worker's environment holds what its operator needed to start it (tokens such
 * as {@code DTF_TOKEN}, cloud credentials such as {@code AWS_SECRET_ACCESS_KEY}); a task must not
 * read them. The task's {@code env}, its params and the {@code DTF_*} variables are added on top by
 * {@link CommandRunner}.
 *
 * <ul>
 *   <li>{@code PATH}, {@code LANG}, {@code LC_ALL}, {@code TZ}, {@code USER}, {@code LOGNAME} from the
 *       worker, when it has them ({@code PATH} defaults to {@code /usr/local/bin:/usr/bin:/bin},
 *       {@code LANG} to {@code C.UTF-8}); on Windows also {@code SystemRoot}, {@code windir},
 *       {@code ComSpec} and {@code PATHEXT}, without which programs there do not start;
 *   <li>{@code HOME}: the attempt's own directory; {@code TMPDIR} (and {@code TEMP}, {@code TMP}):
 *       a directory inside it, so nothing a task writes outlives the attempt;
 *   <li>the worker's variables its operator passed on by name ({@code dtf node --command-env
 *       JAVA_HOME,CUDA_VISIBLE_DEVICES}).
 * </ul>
 */
final class CommandEnvironment {
    /** Variables taken from the worker's environment when it has them. */
    static final List<String> KEPT = List.of("PATH", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME",
            "SystemRoot", "windir", "ComSpec", "PATHEXT");
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private CommandEnvironment() {
    }

    /**
     * Fills {@code env} (cleared first) for an attempt whose directory is {@code home}.
     *
     * @param worker the worker's own environment, read only for the variables above and {@code passed}
     */
    static void fill(Map<String, String> env, Map<String, String> worker, Set<String> passed, Path home, Path tmp) {
        env.clear();
        for (String name : KEPT) {
            String value = worker.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.putIfAbsent("LANG", "C.UTF-8");
        for (String name : passed) {
            String value = worker.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("TEMP", tmp.toString());
        env.put("TMP", tmp.toString());
    }

    /** The {@code PATH} the worker looks programs up on (the JVM uses its own, not the child's). */
    static String searchPath(Map<String, String> worker) {
        String path = worker.get("PATH");
        return path == null ? DEFAULT_PATH : path;
    }
}
