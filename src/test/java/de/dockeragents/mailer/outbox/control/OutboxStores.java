package de.dockeragents.mailer.outbox.control;

import jakarta.persistence.EntityManager;

import de.dockeragents.mailer.events.control.EventOutbox;

/** The outbox's store on a test's own entity manager, for stores of other components that call it. */
public final class OutboxStores {

    private OutboxStores() {}

    public static OutboxStore on(EntityManager em) {
        OutboxStore store = new OutboxStore();
        store.em = em;
        store.events = EventOutbox.off();
        return store;
    }
}
