package de.dockeragents.mailer.review.boundary;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.dockeragents.mailer.reply.control.StaffReplies;
import de.dockeragents.mailer.review.control.Categories;
import de.dockeragents.mailer.review.control.Corrections;
import de.dockeragents.mailer.review.control.FreeReplies;
import de.dockeragents.mailer.review.control.MailList;
import de.dockeragents.mailer.review.control.MailSearch;
import de.dockeragents.mailer.review.control.Threads;
import de.dockeragents.mailer.review.entity.Approval;
import de.dockeragents.mailer.review.entity.ClassificationView;
import de.dockeragents.mailer.review.entity.Draft;
import de.dockeragents.mailer.review.entity.Ids;
import de.dockeragents.mailer.review.entity.InboxCounts;
import de.dockeragents.mailer.review.entity.InboxFilter;
import de.dockeragents.mailer.review.entity.MailDetail;
import de.dockeragents.mailer.review.entity.MailSummary;
import de.dockeragents.mailer.review.entity.Page;
import de.dockeragents.mailer.review.entity.Paging;
import de.dockeragents.mailer.review.entity.Problem;
import de.dockeragents.mailer.review.entity.ReplyForm;
import de.dockeragents.mailer.review.entity.SearchText;
import de.dockeragents.mailer.review.entity.ThreadEntry;
import de.dockeragents.mailer.triage.control.Labeling;

/** The inbox (what needs attention first), its counts, one mail, and a person's category correction. */
@Path("mails")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inbox", description = "stored mail by priority, with triage's verdict and the reply")
public class MailsResource {

    @Inject
    MailList mails;

    @Inject
    MailSearch search;

    @Inject
    Threads threads;

    @Inject
    Corrections corrections;

    @Inject
    Categories categories;

    @Inject
    Labeling labels;

    @Inject
    StaffReplies staffReplies;

    @Inject
    FreeReplies freeReplies;

    @Context
    SecurityContext security;

    @GET
    @Operation(
            summary = "the inbox: first urgent mail of the last 7 days whatever its reply (group attention), then mail"
                    + " whose draft waits (draft), then the rest newest first (rest); filters apply to all three")
    @APIResponse(responseCode = "200", description = "one page of the inbox")
    @APIResponse(responseCode = "400", description = "a filter or the paging is invalid; field names it")
    public Page<MailSummary> list(
            @QueryParam("category") String category,
            @Parameter(description = "urgent, high, normal or low") @QueryParam("priority") String priority,
            @Parameter(description = "true or false") @QueryParam("needsReply") String needsReply,
            @Parameter(
                            description =
                                    "the reply's state: DRAFT, REJECTED, PENDING, SENDING, SENT, FAILED, DEAD, or NONE")
                    @QueryParam("status")
                    String status,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "0 to 100000") @QueryParam("offset") String offset,
            @Parameter(
                            description = "search words (subject, text, sender, attachment names; German and English;"
                                    + " \"a phrase\", -excluded, or): matches newest first in one group, search")
                    @QueryParam("q")
                    String q) {
        InboxFilter filter = InboxFilter.of(category, priority, needsReply, status, categories.asSet());
        SearchText text = SearchText.of(q);
        Paging paging = Paging.of(limit, offset);
        return text == null ? mails.list(filter, paging) : search.list(filter, text, paging);
    }

    @GET
    @Path("counts")
    @Operation(
            summary = "how many mails each group of the inbox holds (attention, drafts, rest), for the page's header")
    @APIResponse(responseCode = "200", description = "the counts")
    public InboxCounts counts() {
        return mails.counts();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "one mail: headers, text, attachments, classification, reply")
    @APIResponse(responseCode = "200", description = "the mail")
    @APIResponse(responseCode = "404", description = "no such mail")
    public MailDetail mail(@PathParam("id") String id) {
        long mailId = Ids.parse("id", id);
        MailDetail mail = mails.detail(mailId);
        if (mail == null) {
            throw Problem.notFound("mail " + mailId);
        }
        return mail;
    }

    @GET
    @Path("{id}/thread")
    @Operation(
            summary = "the mail's conversation: mails sharing a Message-ID with it (In-Reply-To, References) and our"
                    + " replies to them, oldest first")
    @APIResponse(responseCode = "200", description = "the conversation, the mail itself included")
    @APIResponse(responseCode = "404", description = "no such mail")
    public List<ThreadEntry> thread(@PathParam("id") String id) {
        long mailId = Ids.parse("id", id);
        List<ThreadEntry> thread = threads.of(mailId);
        if (thread == null) {
            throw Problem.notFound("mail " + mailId);
        }
        return thread;
    }

    @PUT
    @Path("{id}/category")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "correct the category: {\"category\": \"...\"}, one of the profile's; audited")
    @APIResponse(responseCode = "200", description = "the classification as corrected")
    @APIResponse(responseCode = "409", description = "the mail is not classified yet")
    public ClassificationView correct(@PathParam("id") String id, String body) {
        long mailId = Ids.parse("id", id);
        String category = JsonBody.parse(body).required("category").strip();
        if (!categories.asSet().contains(category)) {
            throw Problem.invalid("category", "unknown category; known: " + String.join(", ", categories.names()));
        }
        if (corrections.correct(mailId, category, Caller.name(security))) {
            labels.soon(); // committed: the mail's label in the mailbox follows the correction
        }
        return mails.detail(mailId).classification();
    }

    @GET
    @Path("{id}/reply")
    @Operation(
            summary = "what a person's own reply to the mail starts from: recipient (by code), language, subject,"
                    + " the profile's signature and reply templates rendered for the mail; refusal if none may go")
    @APIResponse(responseCode = "200", description = "the form")
    @APIResponse(responseCode = "404", description = "no such mail")
    public ReplyForm replyForm(@PathParam("id") String id) {
        long mailId = Ids.parse("id", id);
        StaffReplies.Start s = staffReplies.start(mailId).orElseThrow(() -> Problem.notFound("mail " + mailId));
        return new ReplyForm(
                mailId,
                s.recipient(),
                s.language(),
                s.subject(),
                s.signature(),
                s.templates().stream()
                        .map(t -> new ReplyForm.TemplateText(
                                t.name(), t.text().subject(), t.text().body()))
                        .toList(),
                s.refusal() == null ? null : s.refusal().code(),
                s.refusal() == null ? null : s.refusal().detail());
    }

    @POST
    @Path("{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "send a person's own reply to the mail, {\"body\", \"subject\"?, \"thread\"?}: queued and"
                    + " approved by the caller at once; the recipient is chosen by code. thread: true answers the"
                    + " newest mail of the mail's conversation instead")
    @APIResponse(responseCode = "200", description = "queued (PENDING)")
    @APIResponse(responseCode = "400", description = "body empty or too long, subject not one line; field names it")
    @APIResponse(responseCode = "404", description = "no such mail")
    @APIResponse(
            responseCode = "409",
            description = "the mail has its reply already (sent, queued, or a draft waiting), or gets none"
                    + " (loop guard, spam signals): never sent twice")
    public Draft reply(@PathParam("id") String id, String body) {
        long mailId = Ids.parse("id", id);
        JsonBody json = JsonBody.parse(body);
        Approval text = new Approval(json.string("subject"), json.string("body"));
        long target = mailId;
        if (json.bool("thread")) {
            Long newest = threads.newestReceived(mailId);
            if (newest == null) {
                throw Problem.notFound("mail " + mailId);
            }
            target = newest;
        }
        return freeReplies.reply(target, text, Caller.name(security));
    }
}
