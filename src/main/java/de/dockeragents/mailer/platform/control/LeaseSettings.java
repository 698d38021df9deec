package de.dockeragents.mailer.platform.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Who this instance is and how long its leases last ({@code mailer.instance.id}, {@code mailer.lease.ttl}).
 * A standby takes a lease over at most {@code ttl} plus one renewal interval ({@link #renewEvery()}) after
 * the holder's last renewal.
 */
public record LeaseSettings(String instance, Duration ttl) {

    public static final String INSTANCE_KEY = "mailer.instance.id";
    public static final String TTL_KEY = "mailer.lease.ttl";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public static LeaseSettings read(ConfigProblems c) {
        String raw = c.required(INSTANCE_KEY);
        String instance = "auto".equals(raw) ? hostName() : raw;
        if (!raw.isEmpty() && !ID.matcher(instance).matches()) {
            c.problem(INSTANCE_KEY + " must be auto or 1 to 100 of A-Z a-z 0-9 . _ - (was '" + raw + "')");
        }
        // at least a few seconds: a renewal is one short statement, but a busy database must not cost the lease
        Duration ttl = c.duration(TTL_KEY, Duration.ofSeconds(4), Duration.ofMinutes(10));
        return new LeaseSettings(instance, ttl);
    }

    /** Four renewals per lease time: three may fail (a slow database) before the lease runs out. */
    public Duration renewEvery() {
        return ttl.dividedBy(4);
    }

    /** The host name (a container's is its id), the machine's name where it has none. */
    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && ID.matcher(env).matches()) {
            return env;
        }
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return ID.matcher(name).matches() ? name : "instance";
        } catch (UnknownHostException e) {
            return "instance";
        }
    }
}
