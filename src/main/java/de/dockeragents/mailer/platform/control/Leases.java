package de.dockeragents.mailer.platform.control;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import de.dockeragents.mailer.platform.entity.Fence;
import de.dockeragents.mailer.platform.entity.LeaseChanged;

/**
 * What this instance holds when several instances of one mailer share a database: the lease of each folder
 * it contends for (only its holder reads the folder), a liveness lease of its own ({@code instance:<holder>},
 * which keeps the work it claimed its own), and short leases around passes that write to the mailbox.
 * <p>
 * A lease row with an expiry and a fencing token, not a PostgreSQL advisory lock: an advisory lock lives
 * as long as its connection, so a holder that hangs (a long GC pause, a frozen container, a half-open
 * connection) would keep it for good and the folder would go unread; a lease runs out after
 * {@code mailer.lease.ttl} whatever the holder does, and its token, checked by every write of the folder
 * position in the same statement ({@link Fence}), stops a holder that wakes up afterwards. The holder also
 * stops itself: a tenure counts only until the lease time after the renewal was asked for, by this
 * process's monotonic clock, so it stands by before the database lets anybody else take over.
 */
@ApplicationScoped
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class.getName());
    private static final Metadata HELD = Metadata.builder()
            .withName("mailer_lease_held")
            .withDescription("1 while this instance holds the lease of the folder (reads it), 0 while it stands by")
            .build();

    @Inject
    LeaseSettings settings;

    @Inject
    LeaseStore store;

    @Inject
    MetricRegistry registry;

    @Inject
    Event<LeaseChanged> changed;

    /** A tenure: its token, and until when (System.nanoTime) it surely lasts. */
    private record Tenure(long token, long until) {}

    private final Map<String, Tenure> held = new ConcurrentHashMap<>();
    private final Set<String> folders = ConcurrentHashMap.newKeySet();
    private String holder;
    private int renewals;
    /** Whether this process ever wrote a lease (a stop during start-up has nothing to release). */
    private volatile boolean wrote;

    @PostConstruct
    void init() {
        // the instance id may repeat (a restarted container keeps its host name): every start is a new holder
        byte[] nonce = new byte[4];
        new SecureRandom().nextBytes(nonce);
        holder = settings.instance() + "#" + HexFormat.of().formatHex(nonce);
    }

    /** This process: the instance id and a nonce of this start. */
    public String holder() {
        return holder;
    }

    public String instance() {
        return settings.instance();
    }

    /** The name of this process's liveness lease: claims of a holder whose lease ran out are free again. */
    public static String liveness(String holder) {
        return "instance:" + holder;
    }

    static String folderLease(String folder) {
        return "folder:" + folder;
    }

    /** From now on this instance wants to read the folder: tries to take its lease at once, then on every renewal. */
    public void contend(String folder) {
        if (folders.add(folder)) {
            registry.gauge(HELD, this, l -> l.holds(folder) ? 1 : 0, new Tag("folder", folder));
        }
        renew(folder);
        if (!holds(folder)) {
            LOG.info(() -> "another instance reads " + folder + "; this one (" + holder + ") stands by");
        }
    }

    /** The folders this instance contends for. */
    public Set<String> folders() {
        return Set.copyOf(folders);
    }

    /** The proof to write the folder's position with, while this instance holds its lease. */
    public Optional<Fence> fence(String folder) {
        Tenure t = held.get(folder);
        return t == null || expired(t) ? Optional.empty() : Optional.of(new Fence(folderLease(folder), t.token()));
    }

    public boolean holds(String folder) {
        return fence(folder).isPresent();
    }

    /** Every {@link LeaseSettings#renewEvery()}: this instance's liveness, then each folder's lease. */
    public synchronized void renewAll() {
        try {
            store.take(liveness(holder), holder, settings.ttl());
            wrote = true;
            if (renewals++ % 1000 == 0) {
                store.forgetGone();
            }
        } catch (RuntimeException e) {
            // the database is away: nothing of ours can be claimed or lost meanwhile either
        }
        folders.forEach(this::renew);
    }

    private synchronized void renew(String folder) {
        long asked = System.nanoTime();
        OptionalLong token;
        try {
            token = store.take(folderLease(folder), holder, settings.ttl());
        } catch (RuntimeException e) {
            // the database is away: the tenure lasts until it runs out, then this instance stands by
            Tenure t = held.get(folder);
            if (t != null && expired(t)) {
                held.remove(folder);
                lost(folder, "its renewal failed (" + e.getClass().getSimpleName() + ")");
            }
            return;
        }
        wrote = true;
        Tenure before = held.get(folder);
        if (token.isPresent()) {
            held.put(
                    folder, new Tenure(token.getAsLong(), asked + settings.ttl().toNanos()));
            if (before == null || before.token() != token.getAsLong()) {
                LOG.info(() -> "this instance (" + holder + ") reads " + folder + " now (lease token "
                        + token.getAsLong() + ")");
                changed.fire(new LeaseChanged(folder, true));
            }
        } else if (held.remove(folder) != null) {
            lost(folder, "another instance holds it");
        }
    }

    private void lost(String folder, String why) {
        LOG.warning(() -> "this instance (" + holder + ") no longer reads " + folder + ": " + why);
        changed.fire(new LeaseChanged(folder, false));
    }

    /**
     * Runs a pass that must not run on two instances at once (it writes to the mailbox), unless another instance
     * runs it now: empty then. The pass's lease lasts at most {@code max}, and only as long as this instance's
     * liveness lease when the process dies in it.
     */
    public <T> Optional<T> exclusive(String pass, Duration max, Supplier<T> work) {
        String name = "pass:" + pass;
        try {
            if (store.takeFromTheLiving(name, holder, max).isEmpty()) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // no database, no pass: it would fail anyway
        }
        try {
            return Optional.ofNullable(work.get());
        } finally {
            try {
                store.release(name, holder);
            } catch (RuntimeException e) {
                // it runs out by itself
            }
        }
    }

    private static boolean expired(Tenure t) {
        return System.nanoTime() - t.until() > 0;
    }

    /** On a clean stop the leases go at once: a standby takes over at its next renewal. */
    @PreDestroy
    void release() {
        if (!wrote) {
            return;
        }
        for (String folder : held.keySet()) {
            try {
                store.release(folderLease(folder), holder);
            } catch (RuntimeException e) {
                // it runs out by itself
            }
        }
        held.clear();
        try {
            store.release(liveness(holder), holder);
        } catch (RuntimeException e) {
            // it runs out by itself
        }
    }
}
