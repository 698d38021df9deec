package it.inbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import it.support.ArquillianServer;

import de.dockeragents.mailer.events.control.EventBody;
import de.dockeragents.mailer.events.control.EventOutbox;
import de.dockeragents.mailer.events.control.EventSettings;
import de.dockeragents.mailer.events.entity.NewEvent;
import de.dockeragents.mailer.inbox.control.Incoming;
import de.dockeragents.mailer.inbox.control.MailStore;
import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.inbox.entity.ParsedFields;
import de.dockeragents.mailer.platform.control.Backoff;
import de.dockeragents.mailer.platform.control.LeaseStore;
import de.dockeragents.mailer.platform.entity.Fence;
import de.dockeragents.mailer.platform.entity.LeaseLost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox's transactions inside a real container (Arquillian, Liberty managed): JTA, JPA on
 * EclipseLink and the real PostgreSQL schema the mailer migrated.
 */
@ExtendWith(ArquillianServer.class)
@ExtendWith(ArquillianExtension.class)
class MailStoreArquillianIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "mailstore-it.war")
                .addClasses(
                        MailStore.class,
                        MailStore.Stored.class,
                        MailStore.Position.class,
                        MailStore.Sight.class,
                        MailStore.Start.class,
                        Incoming.class,
                        LeaseStore.class,
                        Fence.class,
                        LeaseLost.class,
                        EventsOff.class,
                        EventOutbox.class,
                        EventSettings.class,
                        EventBody.class,
                        Backoff.class)
                .addPackage(NewEvent.class.getPackage())
                .addPackage(MailMessage.class.getPackage())
                // the persistence unit lists every entity of the application
                .addPackage(de.dockeragents.mailer.triage.entity.Classification.class.getPackage())
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    MailStore store;

    @Inject
    LeaseStore leases;

    /** Every write of a folder's position needs its lease: this test holds each folder's for a while. */
    private Fence fence(String folder) {
        String name = "folder:" + folder;
        return new Fence(
                name,
                leases.take(name, "arquillian", java.time.Duration.ofMinutes(5)).orElseThrow());
    }

    @Test
    void aBatchStoresNewMailOnceAndMovesTheFolderPositionWithIt() {
        String folder = "arquillian-" + UUID.randomUUID();
        MailStore.Sight first = store.look(folder, 7);
        assertNull(first.position(), "a folder never seen has no position");
        assertFalse(first.changed());
        assertEquals(
                0,
                store.begin(folder, 7, new MailStore.Start("all", "first_start", 0, null, 1), fence(folder))
                        .lastUid());

        String key = "test:" + UUID.randomUUID();
        MailStore.Stored batch =
                store.store(folder, 7, List.of(mail(folder, 7, 1, key), mail(folder, 7, 2, key)), 2, fence(folder));
        assertEquals(1, batch.inserted().size(), "the same key twice in a batch is stored once");
        assertEquals(1, batch.duplicates());
        assertEquals(2, store.look(folder, 7).position().lastUid());

        MailStore.Stored again = store.store(folder, 7, List.of(mail(folder, 7, 3, key)), 3, fence(folder));
        assertTrue(again.inserted().isEmpty(), "a key stored before is recognised");
        assertEquals(3, store.look(folder, 7).position().lastUid());
    }

    @Test
    void theFirstStartIsRecordedOnceWithItsHistory() {
        String folder = "arquillian-" + UUID.randomUUID();
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(14).withNano(0);
        MailStore.Position p =
                store.begin(folder, 3, new MailStore.Start("since:14d", "first_start", 500, since, 120), fence(folder));
        assertEquals(119, p.lastUid(), "reading starts at the first UID the import wants");
        assertEquals(500, p.historyUntilUid());
        assertEquals("since:14d", p.initialImport());
        assertTrue(p.history(500) && !p.history(501));
        assertFalse(
                p.reads(200, since.minusSeconds(1).toInstant()), "history older than the import's limit is left out");
        assertTrue(p.reads(200, since.toInstant()));
        assertTrue(p.reads(501, since.minusDays(100).toInstant()), "new mail is read whatever its date");

        // a second poll that raced the first to the start keeps the first's position
        MailStore.Position raced =
                store.begin(folder, 3, new MailStore.Start("none", "first_start", 900, null, 901), fence(folder));
        assertEquals(119, raced.lastUid());
        assertEquals(500, raced.historyUntilUid());

        store.skip(folder, 3, 480, fence(folder));
        assertEquals(480, store.look(folder, 3).position().lastUid(), "history left out moves the position on");
    }

    @Test
    void aNewUidValidityResetsThePositionAndAStaleBatchIsRefused() {
        String folder = "arquillian-" + UUID.randomUUID();
        store.begin(folder, 1, new MailStore.Start("none", "first_start", 4, null, 5), fence(folder));
        store.store(folder, 1, List.of(mail(folder, 1, 5, "test:" + UUID.randomUUID())), 5, fence(folder));

        MailStore.Sight changed = store.look(folder, 2);
        assertTrue(changed.changed());
        assertNull(changed.position());
        assertNotNull(changed.lastActivity(), "when the old position last moved, for the re-read");
        MailStore.Position resynced = store.begin(
                folder,
                2,
                new MailStore.Start(
                        "none", "uidvalidity_change", 9, changed.lastActivity().minusDays(1), 1),
                fence(folder));
        assertEquals(0, resynced.lastUid());
        assertEquals(9, resynced.historyUntilUid(), "what the folder holds after the change is history");
        assertEquals("uidvalidity_change", resynced.startReason());
        assertFalse(store.look(folder, 2).changed(), "only the first look after the change re-syncs");
        // a batch read under the old UIDVALIDITY must not move the new position
        assertThrows(
                RuntimeException.class,
                () -> store.store(
                        folder, 1, List.of(mail(folder, 1, 6, "test:" + UUID.randomUUID())), 6, fence(folder)));
        assertEquals(0, store.look(folder, 2).position().lastUid());
    }

    private static Incoming mail(String folder, long uidValidity, long uid, String key) {
        MailMessage m = new MailMessage(folder, uidValidity, uid, key, MailStatus.STORED, 11);
        m.parsed(new ParsedFields(
                "<" + key + ">",
                "a@b.example",
                null,
                "c@d.example",
                null,
                "s",
                null,
                "t",
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                0,
                null,
                null));
        return new Incoming(m, "raw message".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
