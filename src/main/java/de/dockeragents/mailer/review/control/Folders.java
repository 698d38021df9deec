package de.dockeragents.mailer.review.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.review.entity.FolderStart;

/** Each folder's start as the inbox recorded it (mailer.imap.initial-import), with its count of history mail. */
@ApplicationScoped
@Transactional
public class Folders {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    public List<FolderStart> starts() {
        List<?> rows = em.createNativeQuery("SELECT f.folder, f.initial_import, f.start_reason, f.started_at,"
                        + " f.history_since, (SELECT count(*) FROM mail_message m WHERE m.folder = f.folder AND m.history)"
                        + " FROM imap_folder_state f ORDER BY f.folder")
                .getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new FolderStart(
                        (String) r[0],
                        (String) r[1],
                        (String) r[2],
                        Rows.instant(r[3]),
                        Rows.instant(r[4]),
                        Rows.count(r[5])))
                .toList();
    }
}
