package de.dockeragents.mailer.attachment.control;

/**
 * The attachment table's part of a mail search, as SQL for the searcher to embed: the ids of mails
 * with an attachment whose name matches, over the name index of V16 (the expression must stay the
 * index's). The attachment component owns the table, so it owns this query too.
 */
public final class AttachmentSearch {

    private AttachmentSearch() {}

    /** {@code SELECT mail_id ...} for a tsquery expression such as {@code mail_search_query(?3)}. */
    public static String mailIdsWithName(String tsquery) {
        return "SELECT mail_id FROM attachment WHERE mail_search_name(coalesce(original_name, file_name)) @@ "
                + tsquery;
    }
}
