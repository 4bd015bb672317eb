package io.dtf.node;

import io.dtf.hardware.HardwareKeys;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgnitePredicate;

/** Selects nodes by role: cache placement ({@code data}) and service placement ({@code coordinator}). */
public final class RoleFilter implements IgnitePredicate<ClusterNode> {
    private static final long serialVersionUID = 1L;

    private final String role;

    public RoleFilter(String role) {
        this.role = role;
    }

    @Override
    public boolean apply(ClusterNode node) {
        return Roles.has(node.attribute(HardwareKeys.ROLES), role);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoleFilter f && f.role.equals(role);
    }

    @Override
    public int hashCode() {
        return role.hashCode();
    }

    @Override
    public String toString() {
        return "RoleFilter[" + role + "]";
    }
}
