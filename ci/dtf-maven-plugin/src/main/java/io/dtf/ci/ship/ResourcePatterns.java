package io.dtf.ci.ship;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * A Maven resource's includes and excludes over paths relative to its directory: {@code **} any
 * directories (none too), {@code *} and {@code ?} within a name. No includes means all files.
 */
final class ResourcePatterns {
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;

    ResourcePatterns(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(ResourcePatterns::matcher).toList();
        this.excludes = excludes.stream().map(ResourcePatterns::matcher).toList();
    }

    boolean accepts(String relative) {
        Path path = Path.of(relative);
        return (includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(path)))
                && excludes.stream().noneMatch(m -> m.matches(path));
    }

    private static PathMatcher matcher(String pattern) {
        String glob = pattern.strip().replace('\\', '/');
        if (glob.endsWith("/")) {
            glob = glob + "**"; // Maven: a directory pattern takes everything under it
        }
        // Ant's leading **/ also matches no directory at all, a glob's needs one: try both.
        String withoutLead = glob.startsWith("**/") ? glob.substring(3) : glob;
        PathMatcher full = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        PathMatcher rest = FileSystems.getDefault().getPathMatcher("glob:" + withoutLead);
        return p -> full.matches(p) || rest.matches(p);
    }
}
