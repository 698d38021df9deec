package dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

/**
 * Debian's Dovecot ({@code apt-get install dovecot-imapd}) on a free loopback port, as a second real IMAP
 * server beside GreenMail: another implementation's answers (PERMANENTFLAGS, SEARCH, INTERNALDATE, keywords)
 * are what show whether the mailer speaks IMAP or just GreenMail. Configuration, mail and state live in a
 * directory of ours; users and their passwords in a passwd-file; plain login without TLS (loopback only);
 * the special-use folders Drafts and Sent exist for every user. Runs in the foreground ({@code dovecot -F})
 * and is stopped on {@link #close()}. As root, its login and mail processes run as {@code nobody}.
 */
public final class LocalDovecot implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/dovecot");
    public static final String DRAFTS = "Drafts";
    public static final String SENT = "Sent";
    private static final Duration START = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final List<String> extraConfig;
    private URI introspection;
    private final Map<String, String> users = new LinkedHashMap<>();
    private Process process;

    private LocalDovecot(Path dir, int port, List<String> extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
    }

    /** Whether Debian's dovecot-imapd is installed here. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts a Dovecot with its files under {@code dir} (emptied first) on a free port; {@code extraConfig}: further
     * lines of dovecot.conf (e.g. an {@code imap_capability} without IDLE).
     */
    public static LocalDovecot start(Path dir, String... extraConfig) {
        if (!installed()) {
            throw new IllegalStateException("Dovecot is not installed: apt-get install dovecot-imapd");
        }
        LocalDovecot d = new LocalDovecot(reachable(dir.toAbsolutePath()), DevStack.port(0), List.of(extraConfig));
        d.launch();
        return d;
    }

    /**
     * As {@link #start(Path, String...)}, and logins with SASL XOAUTH2 (and OAUTHBEARER) besides passwords: Dovecot's
     * {@code oauth2} passdb asks {@code introspection} (RFC 7662, POST) whether a bearer token is active and whose.
     */
    public static LocalDovecot startWithOAuth2(Path dir, URI introspection, String... extraConfig) {
        if (!installed()) {
            throw new IllegalStateException("Dovecot is not installed: apt-get install dovecot-imapd");
        }
        LocalDovecot d = new LocalDovecot(reachable(dir.toAbsolutePath()), DevStack.port(0), List.of(extraConfig));
        d.introspection = introspection;
        d.launch();
        return d;
    }

    /**
     * Dovecot's auth and mail processes run as nobody and must reach the users file and the mail
     * below {@code dir}: a checkout under a private directory (mode 0700, as {@code mktemp -d} makes
     * it) would fail every login with "temporary authentication failure". Then the files go to a
     * directory of their own under /tmp, named after {@code dir} so a rerun finds the same one.
     */
    static Path reachable(Path dir) {
        try {
            if (!Account.current().root() || othersCanPass(dir.getParent())) {
                return dir;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path elsewhere = Path.of(
                "/tmp", // not java.io.tmpdir: the build points that into the checkout
                "mailer-dovecot-" + Integer.toHexString(dir.toString().hashCode()) + "-" + dir.getFileName());
        try {
            Files.createDirectories(elsewhere);
            Files.setPosixFilePermissions(
                    elsewhere, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return elsewhere;
    }

    private static boolean othersCanPass(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            try {
                if (Files.exists(p)
                        && !Files.getPosixFilePermissions(p)
                                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    public int imapPort() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** A mailbox with this login and password (its address is the login); Dovecot reads the file at each login. */
    public synchronized LocalDovecot user(String login, String password) {
        if (login.contains(":") || password.contains(":") || login.isBlank()) {
            throw new IllegalArgumentException("no ':' in a passwd-file login or password");
        }
        users.put(login, password);
        StringBuilder file = new StringBuilder();
        users.forEach((u, p) -> file.append(u).append(":{PLAIN}").append(p).append("::::::\n"));
        write(dir.resolve("users"), file.toString());
        return this;
    }

    /** A logged-in IMAP session of this user; close it after use. */
    public Store connect(String login) throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.imap.connectiontimeout", "10000");
        p.setProperty("mail.imap.timeout", "30000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", port, login, users.get(login));
        return store;
    }

    /**
     * Puts messages into a folder of this user with IMAP APPEND, each with the INTERNALDATE given (as a
     * mail server stamps mail it received then); null dates mean now.
     */
    public void append(String login, String folder, List<MimeMessage> messages, List<Date> internalDates)
            throws MessagingException {
        Store store = connect(login);
        try {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                f.create(Folder.HOLDS_MESSAGES);
            }
            List<Message> dated = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                dated.add(dated(messages.get(i), internalDates == null ? null : internalDates.get(i)));
            }
            f.appendMessages(dated.toArray(Message[]::new));
        } finally {
            store.close();
        }
    }

    /**
     * Jakarta Mail's APPEND sends a message's received date as its INTERNALDATE, and without one its Date
     * header: so "now" is given explicitly, or a mail with an old Date header would arrive as old mail.
     */
    private static Message dated(MimeMessage m, Date internalDate) throws MessagingException {
        Date date = internalDate == null ? new Date() : internalDate;
        return new MimeMessage(m) {
            @Override
            public Date getReceivedDate() {
                return date;
            }
        };
    }

    /** Messages in a folder of this user (0 when it does not exist). */
    public int count(String login, String folder) throws MessagingException {
        Store store = connect(login);
        try {
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : 0;
        } finally {
            store.close();
        }
    }

    public String log() {
        try {
            Path log = dir.resolve("dovecot.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        try {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(LocalDovecot::delete);
                }
            }
            for (String sub : List.of("run", "state", "mail", "home")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Account account = Account.current();
            if (account.root()) {
                // the mail processes run as nobody and write the mail
                for (String sub : List.of("mail", "home")) {
                    Files.setOwner(dir.resolve(sub), lookup().lookupPrincipalByName(account.user()));
                    Files.getFileAttributeView(dir.resolve(sub), java.nio.file.attribute.PosixFileAttributeView.class)
                            .setGroup(lookup().lookupPrincipalByGroupName(account.group()));
                }
            }
            write(dir.resolve("users"), "");
            if (introspection != null) {
                write(
                        dir.resolve("oauth2.conf.ext"),
                        String.join(
                                "\n",
                                "introspection_mode = post",
                                "introspection_url = " + introspection,
                                "force_introspection = yes",
                                "username_attribute = username",
                                "active_attribute = active",
                                "active_value = true",
                                ""));
            }
            write(dir.resolve("dovecot.conf"), config(account));
            ProcessBuilder pb = new ProcessBuilder(
                    BINARY.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(dir.resolve("console.log").toFile());
            process = pb.start();
            awaitGreeting();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Dovecot did not start on port " + port, e);
        }
    }

    private void awaitGreeting() throws IOException {
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Dovecot exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("console.log")) + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                byte[] greeting = new byte[4];
                if (in.readNBytes(greeting, 0, 4) == 4
                        && new String(greeting, StandardCharsets.US_ASCII).equals("* OK")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Waits.pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException("Dovecot did not greet on port " + port + " within " + START + ": " + log());
    }

    private String config(Account a) {
        Path d = dir;
        return String.join(
                "\n",
                "base_dir = " + d.resolve("run"),
                "state_dir = " + d.resolve("state"),
                "log_path = " + d.resolve("dovecot.log"),
                "protocols = imap",
                "listen = 127.0.0.1",
                "ssl = no",
                "disable_plaintext_auth = no",
                introspection == null
                        ? "auth_mechanisms = plain login"
                        : "auth_mechanisms = plain login xoauth2 oauthbearer",
                "default_internal_user = " + a.user(),
                "default_internal_group = " + a.group(),
                "default_login_user = " + a.user(),
                "first_valid_uid = 1",
                "mail_location = maildir:" + d.resolve("mail") + "/%u",
                "passdb {",
                "  driver = passwd-file",
                "  args = scheme=PLAIN username_format=%u " + d.resolve("users"),
                "}",
                introspection == null
                        ? ""
                        : "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = "
                                + d.resolve("oauth2.conf.ext") + "\n}",
                "userdb {",
                "  driver = static",
                "  args = uid=" + a.uid() + " gid=" + a.gid() + " home=" + d.resolve("home") + "/%u",
                "}",
                "namespace inbox {",
                "  inbox = yes",
                "  separator = /",
                "  mailbox " + DRAFTS + " {",
                "    special_use = \\Drafts",
                "    auto = subscribe",
                "  }",
                "  mailbox " + SENT + " {",
                "    special_use = \\Sent",
                "    auto = subscribe",
                "  }",
                "}",
                "service imap-login {",
                "  inet_listener imap {",
                "    address = 127.0.0.1",
                "    port = " + port,
                "  }",
                "  inet_listener imaps {",
                "    port = 0",
                "  }",
                "  chroot =",
                "}",
                "service anvil {",
                "  chroot =",
                "}",
                String.join("\n", extraConfig),
                "");
    }

    /** Who the login and mail processes run as: nobody when we are root (Dovecot refuses root there), else us. */
    private record Account(boolean root, String user, String group, int uid, int gid) {

        static Account current() throws IOException {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid == 0) {
                return new Account(true, "nobody", "nogroup", 65534, 65534);
            }
            int gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
            String user = Files.getOwner(Path.of("/proc/self")).getName();
            String group = ((java.nio.file.attribute.GroupPrincipal)
                            Files.getAttribute(Path.of("/proc/self"), "posix:group"))
                    .getName();
            return new Account(false, user, group, uid, gid);
        }
    }

    private static UserPrincipalLookupService lookup() {
        return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills (SIGKILL) every imap process of this Dovecot, one per logged-in connection: the clients' connections
     * drop as when a server crashes, while the master keeps accepting new ones. Returns how many were killed.
     */
    public synchronized int killImapProcesses() {
        if (process == null) {
            return 0;
        }
        List<ProcessHandle> imap = process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/imap")).orElse(false))
                .toList();
        imap.forEach(ProcessHandle::destroyForcibly);
        return imap.size();
    }

    /** Stops the master (SIGTERM; it ends its children) and waits for it. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            process = null;
        }
    }
}
