package de.dockeragents.mailer.review.entity;

import java.util.List;

/**
 * What staff should know about how the mailbox is read: each folder's start, and {@code replyMaxAgeMinutes}
 * (mailer.reply.max-age): older mail gets no automatic reply, only a draft.
 */
public record MailboxView(List<FolderStart> folders, long replyMaxAgeMinutes) {}
