package de.dockeragents.mailer.attachment.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import de.dockeragents.mailer.attachment.entity.AttachmentView;
import de.dockeragents.mailer.attachment.entity.Download;
import de.dockeragents.mailer.attachment.entity.Outcome;

/**
 * What staff may read of the attachment table and files: a mail's attachments as listed, and the
 * file of one of them. The file is found from its row alone (id and mail id, the stored relative
 * path inside the storage area), never from a name a caller sent, and only for clean, filed files.
 */
public final class AttachmentFiles {

    private final AttachmentRepository repository;
    private final Layout layout;

    public AttachmentFiles(AttachmentRepository repository, Layout layout) {
        this.repository = repository;
        this.layout = layout;
    }

    public List<AttachmentView> ofMail(long mailId) throws SQLException {
        return repository.views(mailId).stream()
                .map(AttachmentRepository.Listed::view)
                .toList();
    }

    /** The attachment of that mail; null when the mail has none with this id. */
    public Download open(long mailId, long attachmentId) throws SQLException {
        AttachmentRepository.Listed listed = repository.view(mailId, attachmentId);
        if (listed == null) {
            return null;
        }
        AttachmentView v = listed.view();
        if (v.availability() != AttachmentView.Availability.READY || listed.path() == null) {
            return new Download(v, null);
        }
        Path file;
        try {
            file = layout.file(Outcome.STORED, listed.path());
        } catch (IllegalArgumentException e) {
            // a path that leaves the storage area is never followed
            return new Download(v, null);
        }
        return new Download(v, Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? file : null);
    }
}
