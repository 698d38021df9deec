package de.dockeragents.mailer.inbox.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.platform.entity.Fence;
import de.dockeragents.mailer.platform.entity.LeaseLost;

/**
 * Stores a batch in one transaction. If the database refuses it, the mails go one by one, and a
 * mail the database refuses as parsed is stored raw as PARSE_ERROR: one hostile mail never blocks
 * the folder. A lost lease ends the batch at once. When the database itself is away, the first single store fails as well and the poll
 * fails (it retries from the same position).
 */
@ApplicationScoped
public class BatchStore {

    private static final Logger LOG = Logger.getLogger(BatchStore.class.getName());

    @Inject
    MailStore store;

    MailStore.Stored store(String folder, long uidValidity, List<Incoming> incoming, long lastUid, Fence fence) {
        try {
            return store.store(folder, uidValidity, incoming, lastUid, fence);
        } catch (LeaseLost e) {
            throw e;
        } catch (RuntimeException e) {
            if (incoming.isEmpty()) {
                throw e;
            }
            LOG.warning(() -> "storing a batch of " + incoming.size() + " mail(s) failed ("
                    + ErrorText.describe(e, false) + "); storing them one by one");
        }
        List<Incoming> byUid = incoming.stream()
                .sorted(Comparator.comparingLong(i -> i.message().uid()))
                .toList();
        List<MailMessage> inserted = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < byUid.size(); i++) {
            Incoming in = byUid.get(i);
            long advanceTo = i == byUid.size() - 1 ? lastUid : in.message().uid();
            MailStore.Stored one;
            try {
                one = store.store(folder, uidValidity, List.of(in), advanceTo, fence);
            } catch (LeaseLost e) {
                throw e;
            } catch (RuntimeException e) {
                String reason =
                        "the database refused the parsed mail (" + ErrorText.describe(e, false) + "); stored raw";
                one = store.store(
                        folder,
                        uidValidity,
                        List.of(new Incoming(in.message().unstorable(reason), in.raw())),
                        advanceTo,
                        fence);
                LOG.warning(() -> "mail uid " + in.message().uid() + ": " + reason);
            }
            inserted.addAll(one.inserted());
            duplicates += one.duplicates();
        }
        return new MailStore.Stored(inserted, duplicates);
    }
}
