package de.dockeragents.mailer.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import de.dockeragents.mailer.platform.control.Intervals;
import de.dockeragents.mailer.platform.control.LeaseSettings;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.entity.Started;

/** Renews this instance's leases four times per lease time, from before any component claims work. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LeaseTimer {

    /** Before the outbox: claims need this instance's liveness lease. */
    static final int FIRST = Started.OUTBOX - 50;

    @Resource
    TimerService timers;

    @Inject
    Leases leases;

    @Inject
    LeaseSettings settings;

    public void start(@Observes @Priority(FIRST) Started started) {
        leases.renewAll();
        Intervals.every(timers, "leases", settings.renewEvery(), settings.renewEvery());
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        leases.renewAll();
    }
}
