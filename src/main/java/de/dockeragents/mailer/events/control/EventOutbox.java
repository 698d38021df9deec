package de.dockeragents.mailer.events.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.events.entity.NewEvent;

/**
 * The one writer of {@code event_outbox}. Owners of a change call it inside the transaction that makes
 * the change, so the event and the change commit or roll back together: JPA owners through
 * {@link #record(NewEvent)} (joins their JTA transaction, refuses to run without one), JDBC owners with
 * a local transaction of their own through {@link #record(Connection, NewEvent)} on their connection.
 * With events off ({@code mailer.events.url} empty) nothing is written.
 */
@ApplicationScoped
public class EventOutbox {

    private static final String INSERT = "INSERT INTO event_outbox (id, type, body) VALUES (CAST(? AS uuid), ?, ?)";

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    EventSettings settings;

    /** Events off, for stores that tests build without a container. */
    public static EventOutbox off() {
        EventOutbox outbox = new EventOutbox();
        outbox.settings = EventSettings.off("test");
        return outbox;
    }

    /** In the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(NewEvent event) {
        insert(event);
    }

    /** In a transaction of its own: for changes no table of ours records (the mailer's health). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAlone(NewEvent event) {
        insert(event);
    }

    /** On the caller's JDBC connection, in its transaction (auto-commit off), or alone with auto-commit on. */
    public void record(Connection c, NewEvent event) throws SQLException {
        if (!settings.enabled()) {
            return;
        }
        Row row = row(event);
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, row.id().toString());
            s.setString(2, event.type().wire());
            s.setString(3, row.body());
            s.executeUpdate();
        }
    }

    private void insert(NewEvent event) {
        if (!settings.enabled()) {
            return;
        }
        Row row = row(event);
        em.createNativeQuery("INSERT INTO event_outbox (id, type, body) VALUES (CAST(?1 AS uuid), ?2, ?3)")
                .setParameter(1, row.id().toString())
                .setParameter(2, event.type().wire())
                .setParameter(3, row.body())
                .executeUpdate();
    }

    private Row row(NewEvent event) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        return new Row(id, EventBody.json(id, event, now, settings.mailer(), settings.includeContent()));
    }

    private record Row(UUID id, String body) {}
}
