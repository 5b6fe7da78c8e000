package io.kappa.restguard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may talk to the Flink REST API: a request is answered when its {@code Host} header names one of the cluster's
 * own host names (a page on another name that resolves to this machine, DNS rebinding, is refused), and when it
 * carries an {@code Origin} header, that origin is the web UI itself: http or https, one of those host names, the REST
 * port. A request without {@code Origin} (the Flink CLI, curl, the Kappa CLI) is not a browser's cross-site request
 * and passes. A pure function of the headers.
 *
 * @param hosts host names the cluster answers to, lower case ({@code *}: any)
 * @param minPort the REST port (the lowest of a range)
 * @param maxPort the REST port (the highest of a range)
 */
public record OriginPolicy(Set<String> hosts, int minPort, int maxPort) {
    public static final String ANY_HOST = "*";

    /**
     * @param hosts a comma-separated list of host names ({@code localhost,127.0.0.1,[::1]}), or {@code *}
     * @param restPort Flink's {@code rest.bind-port}/{@code rest.port}: a port or a range {@code 8081-8090}
     */
    public static OriginPolicy of(String hosts, String restPort) {
        Set<String> names = Arrays.stream(hosts.split(",")).map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        String ports = restPort.trim();
        int dash = ports.indexOf('-');
        int min = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash).trim());
        int max = dash < 0 ? min : Integer.parseInt(ports.substring(dash + 1).trim());
        return new OriginPolicy(names, min, max);
    }

    /** Null when the request may be answered, else why not (for the 403 and the JobManager's log). */
    public String refusal(String host, String origin) {
        if (host != null && !knows(hostName(host))) {
            return "Host " + host + " is not one of this cluster's names " + hosts
                    + " (kappa.rest.allowed-hosts)";
        }
        if (origin == null) {
            return null;
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && knows(uri.getHost().toLowerCase(Locale.ROOT)) && port >= minPort && port <= maxPort) {
                return null;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        return "Origin " + origin + " is not this cluster's web UI: only pages served by the REST API itself may "
                + "call it";
    }

    private boolean knows(String host) {
        return hosts.contains(ANY_HOST) || hosts.contains(host);
    }

    /** The host of a Host header: {@code localhost:8081} → {@code localhost}, {@code [::1]:8081} → {@code [::1]}. */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
