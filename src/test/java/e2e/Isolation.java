package e2e;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

/**
 * The two mailers share PostgreSQL and the mail server, nothing else: no praxis mail in the ecom
 * database or the other way round, neither role can read the other's tables, and every reply to a
 * praxis mail comes from the praxis mailbox.
 */
final class Isolation implements Scenario {

    @Override
    public String name() {
        return "isolation";
    }

    @Override
    public String proves() {
        return "praxis mail never in the ecom database and vice versa (every mail of the run, by Message-ID);"
                + " each database role is refused the other's tables; replies leave from their own mailbox";
    }

    @Override
    public void run(Context c) {
        List<Traffic.Sent> own = new ArrayList<>();
        for (Mailer m : c.stack().mailers()) {
            own.add(c.traffic().send(m, "isolation", Traffic.Attachment.NONE));
        }
        c.report()
                .require(
                        "a mail to each mailer processed",
                        () -> c.ledger()
                                .awaitComplete(own, Duration.ofSeconds(60))
                                .toString());
        List<Traffic.Sent> all = c.traffic().all();
        for (Mailer m : c.stack().mailers()) {
            for (Mailer other : c.stack().mailers()) {
                if (other == m) {
                    continue;
                }
                String[] theirs = all.stream()
                        .filter(s -> s.to() == other)
                        .map(Traffic.Sent::messageId)
                        .toArray(String[]::new);
                c.report()
                        .check(
                                "none of the " + theirs.length + " " + other.name() + " mails of this run in the "
                                        + m.account().dbName() + " database",
                                () -> {
                                    long n = m.db().count(
                                                    "select count(*) from mail_message where message_id = any(?)",
                                                    (Object) theirs);
                                    if (n != 0) {
                                        throw new AssertionError(n + " found");
                                    }
                                    long mine = m.db().count(
                                                    "select count(*) from mail_message where message_id like ?",
                                                    "%@" + Traffic.MESSAGE_IDS + ">");
                                    return m.account().dbName() + " holds " + mine + " mails of this run, all its own";
                                });
                c.report()
                        .check(
                                "role " + m.account().dbUser() + " is refused the "
                                        + other.account().dbName() + " database's mail",
                                () -> {
                                    try (Connection conn = c.stack()
                                                    .postgres
                                                    .connect(
                                                            other.account().dbName(),
                                                            m.account().dbUser(),
                                                            m.account().dbPassword());
                                            var st = conn.createStatement()) {
                                        st.executeQuery("select count(*) from mail_message");
                                        throw new AssertionError("it could read "
                                                + other.account().dbName() + ".mail_message");
                                    } catch (SQLException e) {
                                        if (!"42501".equals(e.getSQLState())) {
                                            throw new AssertionError(
                                                    "expected permission denied (42501), got " + e.getSQLState(), e);
                                        }
                                        return "permission denied";
                                    }
                                });
            }
        }
        for (Mailer m : c.stack().mailers()) {
            c.report().check("replies to " + m.name() + " mail come from " + m.name() + "'s mailbox only", () -> {
                Map<String, String> fromOf = new java.util.HashMap<>();
                for (GreenMailUser user :
                        List.copyOf(c.stack().mail.managers().getUserManager().listUser())) {
                    for (StoredMessage s : c.stack().mail.inbox(user).getMessages()) {
                        String[] irt = s.getMimeMessage().getHeader("In-Reply-To");
                        if (irt != null) {
                            fromOf.put(
                                    irt[0].trim(),
                                    s.getMimeMessage().getFrom()[0].toString());
                        }
                    }
                }
                long checked = 0;
                for (Traffic.Sent s : all) {
                    if (s.to() != m || !fromOf.containsKey(s.messageId())) {
                        continue;
                    }
                    checked++;
                    if (!fromOf.get(s.messageId()).contains(m.account().mailbox())) {
                        throw new AssertionError("a reply to a " + m.name() + " mail came from another mailbox");
                    }
                }
                if (checked == 0) {
                    throw new AssertionError("no reply to check");
                }
                return checked + " replies checked";
            });
        }
    }
}
