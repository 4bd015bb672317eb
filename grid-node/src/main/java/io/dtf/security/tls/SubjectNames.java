package io.dtf.security.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a node certificate is valid for: localhost, 127.0.0.1, this machine's host name, and the hosts a
 * grid's nodes are reached by (given to {@code dtf keys init}).
 *
 * @param dnsNames    host names
 * @param ipAddresses IP address literals
 */
record SubjectNames(Set<String> dnsNames, Set<String> ipAddresses) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    SubjectNames {
        dnsNames = Set.copyOf(dnsNames);
        ipAddresses = Set.copyOf(ipAddresses);
    }

    /** The default names plus {@code extraHosts}; a malformed host is refused, naming it. */
    static SubjectNames of(List<String> extraHosts) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1"));
        localHostName().ifPresent(dns::add);
        for (String host : extraHosts == null ? List.<String>of() : extraHosts) {
            String h = host == null ? "" : host.strip();
            if (IPV4.matcher(h).matches() || h.contains(":")) {
                ips.add(h.replaceAll("^\\[|]$", ""));
            } else if (HOST.matcher(h).matches()) {
                dns.add(h);
            } else {
                throw new IllegalArgumentException("tls host '" + host + "' is neither a host name nor an IP address;"
                        + " give names such as core-1.lab or 10.0.0.5");
            }
        }
        return new SubjectNames(dns, ips);
    }

    private static Optional<String> localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return HOST.matcher(name).matches() ? Optional.of(name) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty(); // a machine without a resolvable name still gets localhost
        }
    }
}
