package it.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import de.dockeragents.mailer.inbox.control.Incoming;
import de.dockeragents.mailer.inbox.control.MailStore;
import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.inbox.entity.ParsedFields;
import it.support.ArquillianServer;
import jakarta.inject.Inject;

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
                .addClasses(MailStore.class, MailStore.Stored.class, MailStore.Position.class, Incoming.class)
                .addPackage(MailMessage.class.getPackage())
                // the persistence unit lists every entity of the application
                .addPackage(de.dockeragents.mailer.triage.entity.Classification.class.getPackage())
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    MailStore store;

    @Test
    void aBatchStoresNewMailOnceAndMovesTheFolderPositionWithIt() {
        String folder = "arquillian-" + UUID.randomUUID();
        assertEquals(new MailStore.Position(0, false), store.position(folder, 7));

        String key = "test:" + UUID.randomUUID();
        MailStore.Stored first = store.store(folder, 7, List.of(mail(folder, 7, 1, key), mail(folder, 7, 2, key)), 2);
        assertEquals(1, first.inserted().size(), "the same key twice in a batch is stored once");
        assertEquals(1, first.duplicates());
        assertEquals(2, store.position(folder, 7).lastUid());

        MailStore.Stored again = store.store(folder, 7, List.of(mail(folder, 7, 3, key)), 3);
        assertTrue(again.inserted().isEmpty(), "a key stored before is recognised");
        assertEquals(3, store.position(folder, 7).lastUid());
    }

    @Test
    void aNewUidValidityResetsThePositionAndAStaleBatchIsRefused() {
        String folder = "arquillian-" + UUID.randomUUID();
        store.position(folder, 1);
        store.store(folder, 1, List.of(mail(folder, 1, 5, "test:" + UUID.randomUUID())), 5);

        MailStore.Position resynced = store.position(folder, 2);
        assertTrue(resynced.resynced());
        assertEquals(0, resynced.lastUid());
        assertFalse(store.position(folder, 2).resynced(), "only the first look after the change re-syncs");
        // a batch read under the old UIDVALIDITY must not move the new position
        assertThrows(RuntimeException.class,
                () -> store.store(folder, 1, List.of(mail(folder, 1, 6, "test:" + UUID.randomUUID())), 6));
        assertEquals(0, store.position(folder, 2).lastUid());
    }

    private static Incoming mail(String folder, long uidValidity, long uid, String key) {
        MailMessage m = new MailMessage(folder, uidValidity, uid, key, MailStatus.STORED, 11);
        m.parsed(new ParsedFields("<" + key + ">", "a@b.example", null, "c@d.example", null, "s", null, "t", null,
                null, null, null, null, null, false, 0, null));
        return new Incoming(m, "raw message".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
