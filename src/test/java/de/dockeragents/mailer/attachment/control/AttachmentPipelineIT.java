package de.dockeragents.mailer.attachment.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.LocalClamd;
import dev.Waits;

import de.dockeragents.mailer.attachment.Mails;
import de.dockeragents.mailer.attachment.Samples;
import de.dockeragents.mailer.attachment.entity.AttachmentRow;
import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.attachment.entity.ScanStatus;
import de.dockeragents.mailer.testing.Database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole attachment path against real clamd and real PostgreSQL. */
class AttachmentPipelineIT {

    static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZoneOffset.UTC);

    @TempDir
    static Path dir;

    static LocalClamd clamd;
    static Database db;
    static Attachments attachments;
    static AttachmentRepository repository;

    @BeforeAll
    static void start() throws IOException {
        clamd = LocalClamd.start(dir.resolve("clamd"), 50L * 1024 * 1024);
        db = new Database();
        attachments = new Attachments(settings(dir, clamd.port()), db.dataSource(), new AttachmentMetrics(null));
        repository = new AttachmentRepository(db.dataSource());
    }

    @AfterAll
    static void stop() throws IOException {
        if (clamd != null) {
            clamd.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static AttachmentSettings settings(Path dir, int clamdPort) {
        return new AttachmentSettings(
                dir.resolve("attachments"),
                dir.resolve("quarantine"),
                50L * 1024 * 1024,
                50,
                EnumSet.of(FileType.PDF, FileType.PNG, FileType.JPG, FileType.DOCX, FileType.XLSX),
                "127.0.0.1",
                clamdPort,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                50L * 1024 * 1024,
                Duration.ofMinutes(2),
                Duration.ofDays(30),
                Duration.ofDays(30),
                LocalTime.of(2, 0),
                null);
    }

    @Test
    void eicarNamedPdfIsQuarantinedAndNeverStored() throws Exception {
        byte[] raw = Mails.with()
                .attachment("Rechnung.pdf", "application/pdf", Samples.eicar())
                .build();
        long mail = db.insertMail(RECEIVED, raw, 1);
        long infectedBefore = attachments.metrics().count("infected");

        AttachmentPipeline.Summary s = process(mail, raw);

        AttachmentRow row = single(s);
        assertEquals(Outcome.QUARANTINED, row.outcome());
        assertEquals(ScanStatus.INFECTED, row.scanStatus());
        assertTrue(row.signature().startsWith(LocalClamd.SIGNATURE), row.signature());
        assertEquals("2026/11/" + mail + "/Rechnung.pdf", row.path());
        assertTrue(Files.exists(dir.resolve("quarantine").resolve(row.path())));
        assertFalse(Files.exists(dir.resolve("attachments").resolve(row.path())));
        assertEquals(List.of(), filesUnder(dir.resolve("attachments").resolve("2026/11/" + mail)));
        assertEquals(1, s.infections().size());
        assertEquals(infectedBefore + 1, attachments.metrics().count("infected"));
        assertEquals(row, repository.ofMail(mail).get(0).withId(row.id()));
    }

    @Test
    void cleanPdfIsStoredWithItsSha256() throws Exception {
        byte[] raw = Mails.with()
                .attachment("Befund.pdf", "application/pdf", Samples.pdf())
                .build();
        long mail = db.insertMail(RECEIVED, raw, 1);

        AttachmentRow row = single(process(mail, raw));

        assertEquals(Outcome.STORED, row.outcome());
        assertEquals(ScanStatus.CLEAN, row.scanStatus());
        assertEquals("application/pdf", row.detectedType());
        Path stored = dir.resolve("attachments")
                .resolve("2026")
                .resolve("11")
                .resolve(String.valueOf(mail))
                .resolve("Befund.pdf");
        assertTrue(Files.exists(stored));
        assertEquals(sha256(Files.readAllBytes(stored)), row.sha256());
        assertEquals(sha256(Samples.pdf()), row.sha256());
        assertEquals(Samples.pdf().length, row.sizeBytes());
        assertTrue(row.scannedAt() != null);
    }

    @Test
    void theNamesGoOntoTheMailsRowWhereItsSearchDocumentFindsThem() throws Exception {
        byte[] raw = Mails.with()
                .attachment("Überweisungsschein Juni.pdf", "application/pdf", Samples.pdf())
                .attachment("Laborbericht_2026-11.pdf", "application/pdf", Samples.eicar())
                .build();
        long mail = db.insertMail(RECEIVED, raw, 2);
        long other = db.insertMail(RECEIVED, null, 0);

        process(mail, raw);

        assertEquals(
                1,
                db.count(
                        "SELECT count(*) FROM mail_message WHERE id = ? AND attachment_names = ?",
                        mail,
                        "Überweisungsschein Juni.pdf\nLaborbericht_2026-11.pdf"),
                "both names, the quarantined one too, one per line");
        for (String words : List.of("ueberweisungsschein", "Überweisungsschein juni", "laborbericht 2026")) {
            assertEquals(List.of(mail), found(words), words);
        }
        assertEquals(List.of(), found("pdf"), "not by the extension");
        assertEquals(
                0, db.count("SELECT count(*) FROM mail_message WHERE id = ? AND attachment_names IS NOT NULL", other));
    }

    private static List<Long> found(String words) {
        List<Long> ids = new java.util.ArrayList<>();
        try (var c = db.dataSource().getConnection();
                var s = c.prepareStatement(
                        "SELECT id FROM mail_message WHERE search_doc @@ mail_search_query(?) ORDER BY id")) {
            s.setString(1, words);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    @Test
    void contentThatContradictsTheExtensionIsRejected() throws Exception {
        byte[] raw = Mails.with()
                .attachment("rechnung.pdf", "application/pdf", Samples.png())
                .build();
        long mail = db.insertMail(RECEIVED, raw, 1);

        AttachmentRow row = single(process(mail, raw));

        assertEquals(Outcome.REJECTED, row.outcome());
        assertEquals(ScanStatus.CLEAN, row.scanStatus());
        assertEquals("image/png", row.detectedType());
        assertEquals("extension .pdf does not match the content (image/png)", row.reason());
        assertNull(row.path());
        assertEquals(List.of(), filesUnder(dir.resolve("attachments").resolve("2026/11/" + mail)));
    }

    @Test
    void hostileNamesAreStoredUnderSafeNamesInsideTheMailDirectory() throws Exception {
        byte[] raw = Mails.with()
                .attachment("../../etc/passwd.pdf", "application/pdf", Samples.pdf())
                .attachment("..\\..\\PASSWD.PDF", "application/pdf", Samples.pdf())
                .attachment("CON.pdf", "application/pdf", Samples.pdf())
                .attachment("../../etc/passwd", "text/plain", "root:x:0:0".getBytes())
                .build();
        long mail = db.insertMail(RECEIVED, raw, 4);

        List<AttachmentRow> rows = process(mail, raw).rows();

        assertEquals(
                List.of("passwd.pdf", "PASSWD (2).PDF", "_CON.pdf", "passwd"),
                rows.stream().map(AttachmentRow::fileName).toList());
        assertEquals(
                List.of("../../etc/passwd.pdf", "..\\..\\PASSWD.PDF", "CON.pdf", "../../etc/passwd"),
                rows.stream().map(AttachmentRow::originalName).toList());
        Path mailDir = dir.resolve("attachments").resolve("2026/11/" + mail);
        assertEquals(3, filesUnder(mailDir).size());
        for (Path p : filesUnder(dir.resolve("attachments"))) {
            assertTrue(p.normalize().startsWith(dir.resolve("attachments")), p.toString());
        }
        assertEquals(Outcome.REJECTED, rows.get(3).outcome());
        assertFalse(Files.exists(dir.resolve("etc")));
    }

    @Test
    void whileClamdIsDownAttachmentsWaitAndAreStoredOnceItIsBack() throws Exception {
        byte[] raw = Mails.with()
                .attachment("Befund.pdf", "application/pdf", Samples.pdf())
                .attachment("Virus.pdf", "application/pdf", Samples.eicar())
                .build();
        long mail = db.insertMail(RECEIVED, raw, 2);
        clamd.stop();
        List<AttachmentRow> rows;
        try {
            rows = process(mail, raw).rows();
            assertEquals(
                    List.of(Outcome.PENDING, Outcome.PENDING),
                    rows.stream().map(AttachmentRow::outcome).toList());
            assertEquals(
                    List.of(ScanStatus.PENDING, ScanStatus.PENDING),
                    rows.stream().map(AttachmentRow::scanStatus).toList());
            assertFalse(
                    Files.exists(dir.resolve("attachments").resolve(rows.get(0).path())), "never stored unscanned");
            assertTrue(Files.exists(
                    dir.resolve("attachments/.pending").resolve(rows.get(0).path())));
            assertFalse(attachments.metrics().clamdUp());
            PendingScans.Round whileDown = attachments.pendingScans().retry();
            assertTrue(whileDown.stillPending() > 0);
        } finally {
            clamd.restart();
        }

        Waits.until(Duration.ofSeconds(30), "pending attachments were not settled after clamd came back", () -> {
            try {
                attachments.pendingScans().retry();
                return repository.ofMail(mail).stream().noneMatch(r -> r.outcome() == Outcome.PENDING);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        List<AttachmentRow> after = repository.ofMail(mail);
        assertEquals(Outcome.STORED, after.get(0).outcome());
        assertEquals(ScanStatus.CLEAN, after.get(0).scanStatus());
        assertTrue(Files.exists(dir.resolve("attachments").resolve(after.get(0).path())));
        assertEquals(Outcome.QUARANTINED, after.get(1).outcome());
        assertEquals(ScanStatus.INFECTED, after.get(1).scanStatus());
        assertTrue(Files.exists(dir.resolve("quarantine").resolve(after.get(1).path())));
        assertEquals(List.of(), filesUnder(dir.resolve("attachments/.pending").resolve("2026/11/" + mail)));
        assertTrue(attachments.metrics().clamdUp());
    }

    @Test
    void aClamdThatAcceptsButNeverAnswersCostsOneTimeoutPerMailNotOnePerAttachment() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(
                    () -> {
                        try {
                            while (true) {
                                held.add(silent.accept());
                            }
                        } catch (IOException closed) {
                            // the test is over
                        }
                    },
                    "silent-clamd");
            acceptor.setDaemon(true);
            acceptor.start();
            AttachmentSettings s = settings(dir.resolve("silent"), silent.getLocalPort());
            Duration timeout = Duration.ofSeconds(1);
            AttachmentSettings quick = new AttachmentSettings(
                    s.root(),
                    s.quarantine(),
                    s.maxSize(),
                    s.maxCount(),
                    s.allowed(),
                    s.clamdHost(),
                    s.clamdPort(),
                    timeout,
                    timeout,
                    s.clamdStreamMaxLength(),
                    s.retryInterval(),
                    s.retention(),
                    s.quarantineRetention(),
                    s.cleanupAt(),
                    null);
            try (Attachments hanging = new Attachments(quick, db.dataSource(), new AttachmentMetrics(null))) {
                Mails mails = Mails.with();
                for (int i = 0; i < 5; i++) {
                    mails.attachment("befund-" + i + ".pdf", "application/pdf", Samples.pdf());
                }
                byte[] raw = mails.build();
                long mail = db.insertMail(RECEIVED, raw, 5);

                long start = System.nanoTime();
                AttachmentPipeline.Summary summary =
                        hanging.pipeline().process(mail, RECEIVED, new ByteArrayInputStream(raw));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertEquals(5, summary.rows().size());
                assertTrue(
                        summary.rows().stream().allMatch(r -> r.outcome() == Outcome.PENDING),
                        summary.rows().toString());
                // one read timeout for the mail; one per attachment would be at least 5 s
                assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
            } finally {
                for (java.net.Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aMailIsProcessedOnceAndMissedMailIsCaughtUpByTheTimer() throws Exception {
        byte[] raw = Mails.with()
                .attachment("Befund.pdf", "application/pdf", Samples.pdf())
                .build();
        long done = db.insertMail(RECEIVED, raw, 1);
        assertTrue(process(done, raw).ran());
        assertFalse(process(done, raw).ran(), "a second call must not process the mail again");
        assertEquals(1, repository.ofMail(done).size());

        // a mail the inbox stored, but whose attachments no one processed (e.g. a crash right after the commit)
        long missed = db.insertMail(RECEIVED.minusDays(1), raw, 1);
        db.execute("UPDATE mail_message SET created_at = now() - interval '1 hour' WHERE id = " + missed);
        PendingScans.Round round = attachments.pendingScans().retry();
        assertTrue(round.mailsCaughtUp() >= 1);
        AttachmentRow row = repository.ofMail(missed).get(0);
        assertEquals(Outcome.STORED, row.outcome());
        assertEquals("2026/11/" + missed + "/Befund.pdf", row.path());
    }

    @Test
    void attachmentsOfMalformedMimeAreRecoveredWhereTheyCanBe() throws Exception {
        // the declared boundary is never used, and the second attachment is cut off inside its base64
        String pdf = java.util.Base64.getMimeEncoder().encodeToString(Samples.pdf());
        String whole = java.util.Base64.getEncoder().encodeToString(Samples.pdf());
        String cut = whole.substring(0, whole.length() / 8 * 4 + 1); // one character into a quantum
        String raw =
                "From: a@example.org\r\nSubject: Befunde\r\nContent-Type: multipart/mixed; boundary=\"declared\"\r\n\r\n"
                        + "--used\r\nContent-Type: text/plain\r\n\r\nanbei\r\n"
                        + "--used\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"Befund.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + pdf + "\r\n"
                        + "--used\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"Labor.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + cut;
        byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long mail = db.insertMail(RECEIVED, bytes, 2);

        AttachmentPipeline.Summary s = process(mail, bytes);

        assertEquals(null, s.error());
        assertEquals(2, s.rows().size());
        AttachmentRow befund = s.rows().get(0);
        assertEquals("2", befund.partPath());
        assertEquals(Outcome.STORED, befund.outcome());
        assertEquals(sha256(Samples.pdf()), befund.sha256());
        AttachmentRow labor = s.rows().get(1);
        assertEquals("3", labor.partPath());
        assertEquals(Outcome.REJECTED, labor.outcome());
        assertTrue(labor.reason().contains("transfer encoding is damaged"), labor.reason());
        assertEquals(
                List.of(dir.resolve("attachments").resolve("2026/11/" + mail).resolve("Befund.pdf")),
                filesUnder(dir.resolve("attachments").resolve("2026/11/" + mail)));
    }

    @Test
    void aMessageThatCannotBeWalkedIsRecordedAsFailedAndLeavesNoFiles() throws Exception {
        // MIME nested deeper than anyone sends: the walk refuses it as a whole
        StringBuilder raw = new StringBuilder("From: a@example.org\r\n");
        int depth = MimeAttachments.MAX_DEPTH + 5;
        for (int i = 0; i < depth; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(i)
                    .append("\"\r\n\r\n--b")
                    .append(i)
                    .append("\r\n");
        }
        raw.append(
                "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"x.pdf\"\r\n\r\n%PDF-1.4\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\r\n");
        }
        byte[] bytes = raw.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long mail = db.insertMail(RECEIVED, bytes, 1);

        AttachmentPipeline.Summary s = process(mail, bytes);

        assertTrue(s.ran());
        assertEquals("MessagingException", s.error());
        assertEquals(List.of(), repository.ofMail(mail));
        assertEquals(List.of(), filesUnder(dir.resolve("attachments").resolve("2026/11/" + mail)));
        try (var c = db.dataSource().getConnection();
                var rs = c.createStatement()
                        .executeQuery("SELECT state, attempts FROM attachment_extraction WHERE mail_id = " + mail)) {
            assertTrue(rs.next());
            assertEquals("FAILED", rs.getString(1));
            assertEquals(1, rs.getInt(2));
        }
        // a direct second call takes a failed mail again
        assertTrue(process(mail, bytes).ran());
    }

    @Test
    void aClaimGivenUpWhileTheDatabaseIsAwayIsTakenAgainByTheNextRetryRoundNotAfterItGoesStale() throws Exception {
        // found by test/integration-test.sh faults: a PostgreSQL outage in the middle of an extraction left
        // its claim RUNNING, and the mail's attachments waited for the 30-minute stale-claim time
        java.util.concurrent.atomic.AtomicInteger connectionsLeft = new java.util.concurrent.atomic.AtomicInteger(-1);
        javax.sql.DataSource flaky = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")
                            && connectionsLeft.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
                        throw new java.sql.SQLException("the database is away", "08001");
                    }
                    try {
                        return method.invoke(db.dataSource(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (Attachments a =
                new Attachments(settings(dir.resolve("flaky"), clamd.port()), flaky, new AttachmentMetrics(null))) {
            byte[] raw = Mails.with()
                    .attachment("Befund.pdf", "application/pdf", Samples.pdf())
                    .build();
            long mail = db.insertMail(RECEIVED, raw, 1);
            connectionsLeft.set(1); // the claim gets through; finishing and recording the failure do not

            AttachmentPipeline.Summary s = a.pipeline().process(mail, RECEIVED, new ByteArrayInputStream(raw));
            assertEquals("SQLException SQLSTATE 08001", s.error());
            assertEquals("RUNNING", extractionState(mail));

            connectionsLeft.set(-1); // back
            PendingScans.Round round = a.pendingScans().retry();
            assertEquals(1, round.mailsCaughtUp());
            assertEquals("DONE", extractionState(mail));
            assertEquals(Outcome.STORED, repository.ofMail(mail).get(0).outcome());
        }
    }

    private static String extractionState(long mail) throws Exception {
        try (var c = db.dataSource().getConnection();
                var rs = c.createStatement()
                        .executeQuery("SELECT state FROM attachment_extraction WHERE mail_id = " + mail)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static AttachmentPipeline.Summary process(long mail, byte[] raw) throws Exception {
        return attachments.pipeline().process(mail, RECEIVED, new ByteArrayInputStream(raw));
    }

    private static AttachmentRow single(AttachmentPipeline.Summary s) {
        assertTrue(s.ran());
        assertNull(s.error());
        assertEquals(1, s.rows().size(), s.rows().toString());
        return s.rows().get(0);
    }

    static List<Path> filesUnder(Path p) throws IOException {
        if (!Files.exists(p)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(p.resolve(".staging")))
                    .toList();
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
