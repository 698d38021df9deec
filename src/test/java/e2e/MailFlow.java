package e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.Waits;

/** E2E 1: a mail to each mailbox is stored once, classified by the model, answered, and counted in Prometheus. */
final class MailFlow implements Scenario {

    static final Duration WITHIN = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "mailflow";
    }

    @Override
    public String proves() {
        return "E2E 1: SMTP -> mailbox -> mailer -> PostgreSQL once, classified by the model (stand-in), reply sent once,"
                + " emails_processed_total visible in Prometheus";
    }

    @Override
    public void run(Context c) {
        for (Mailer m : c.stack().mailers()) {
            Traffic.Sent mail = c.traffic().send(m, "flow", Traffic.Attachment.NONE);
            long start = System.nanoTime();
            c.report()
                    .require(
                            m.name() + ": mail stored exactly once in the "
                                    + m.account().dbName() + " database",
                            () -> {
                                Waits.until(
                                        WITHIN,
                                        "stored",
                                        () -> c.ledger().safely(List.of(mail)),
                                        s -> s != null && s.stored());
                                return "after " + Report.seconds(Duration.ofNanos(System.nanoTime() - start));
                            });
            c.report().check(m.name() + ": classified by the model (classified_by='ai')", () -> {
                Map<String, Object> row = Waits.until(
                                WITHIN,
                                "classified",
                                () -> m.db().rows(
                                                "select c.classified_by,"
                                                        + " c.category from classification c join mail_message m on m.id = c.mail_id where m.message_id = ?",
                                                mail.messageId()),
                                r -> !r.isEmpty())
                        .get(0);
                if (!"ai".equals(row.get("classified_by"))) {
                    throw new AssertionError("classified_by=" + row.get("classified_by"));
                }
                return "category " + row.get("category");
            });
            c.report()
                    .check(
                            m.name() + ": automatic reply received by the SMTP server exactly once (In-Reply-To)",
                            () -> {
                                Ledger.Status s = c.ledger().awaitComplete(List.of(mail), WITHIN);
                                return "after " + Report.seconds(Duration.ofNanos(System.nanoTime() - start)) + "; "
                                        + s;
                            });
            String q = "sum(emails_processed_total{mailer=\"" + m.name() + "\"})";
            c.report().check(m.name() + ": Prometheus API " + q + " > 0", () -> {
                double v = Waits.until(
                        Duration.ofSeconds(30), q, () -> c.stack().prometheus.value(q), x -> x > 0);
                return "= " + v;
            });
        }
    }
}
