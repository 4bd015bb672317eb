package io.dtf.ci.classpath;

/** A dependency of the project as Maven resolved it: {@code groupId:artifactId:version}. */
public record Coordinates(String groupId, String artifactId, String version) {
    public boolean is(String group, String artifact) {
        return groupId.equals(group) && artifactId.equals(artifact);
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
