package it.container;

import java.time.Duration;

import org.microshed.testing.SharedContainerConfiguration;
import org.microshed.testing.testcontainers.ApplicationContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.utility.DockerImageName;

import dev.DevStack;
import it.ops.OpsTarget;

/**
 * The mailer as the operator runs it: the image built from the Dockerfile (the profile builds it
 * as {@code it.image} before the tests), configured like compose.yml's praxis-mailer, with
 * PostgreSQL and a GreenMail IMAP/SMTP server beside it on one Docker network. Secrets reach it
 * as files in /run/secrets, as Docker secrets do. No ClamAV and no Ollama: the mailer starts and
 * polls without them (attachments wait as pending, triage falls back to its rules).
 */
public class MailerContainers implements SharedContainerConfiguration {

    static final String IMAGE = System.getProperty("it.image", "docker-agents/mailer:it");
    static final String POSTGRES_IMAGE = System.getProperty("it.postgres.image", "postgres:17-bookworm");
    static final String MAIL_IMAGE = System.getProperty("it.mail.image", "greenmail/standalone:2.1.3");

    static final Network NETWORK = Network.newNetwork();

    @Container
    public static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE)
            .asCompatibleSubstituteFor("postgres"))
            .withNetwork(NETWORK).withNetworkAliases("postgres")
            .withDatabaseName(DevStack.DB_NAME).withUsername(DevStack.DB_USER).withPassword(DevStack.DB_PASSWORD);

    @Container
    public static final GenericContainer<?> MAIL = new GenericContainer<>(DockerImageName.parse(MAIL_IMAGE))
            .withNetwork(NETWORK).withNetworkAliases("mail")
            .withEnv("GREENMAIL_OPTS", "-Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap"
                    + " -Dgreenmail.hostname=0.0.0.0 -Dgreenmail.users=" + DevStack.LOGIN + ":" + DevStack.PASSWORD
                    + "@" + DevStack.MAILBOX.substring(DevStack.MAILBOX.indexOf('@') + 1))
            .withExposedPorts(3025, 3143)
            .waitingFor(Wait.forListeningPorts(3025, 3143));

    @Container
    public static final ApplicationContainer MAILER = new ApplicationContainer(IMAGE)
            .withNetwork(NETWORK)
            .withAppContextRoot("/api")
            // ready needs clamd, which this test does not run; started means configuration and database are fine
            .withReadinessPath("/health/started", 180)
            .withEnv("MP_CONFIG_PROFILE", "praxis")
            .withEnv("DB_HOST", "postgres").withEnv("DB_PORT", "5432")
            .withEnv("DB_NAME", DevStack.DB_NAME).withEnv("DB_USER", DevStack.DB_USER)
            .withEnv("VARIABLE_SOURCE_DIRS", "/run/secrets")
            .withCopyToContainer(Transferable.of(DevStack.DB_PASSWORD), "/run/secrets/db.password")
            .withCopyToContainer(Transferable.of(DevStack.PASSWORD), "/run/secrets/imap_password")
            // the ops trigger is admin's (OpsMicroShedIT logs in as the admin)
            .withCopyToContainer(Transferable.of(DevStack.REVIEW_ADMIN_PASSWORD), "/run/secrets/review.admin.password")
            .withEnv("MAILER_IMAP_PASSWORD_FILE", "/run/secrets/imap_password")
            .withEnv("MAILER_IMAP_HOST", "mail").withEnv("MAILER_IMAP_PORT", "3143")
            .withEnv("MAILER_IMAP_SECURITY", "plain").withEnv("MAILER_IMAP_USER", DevStack.LOGIN)
            .withEnv("MAILER_IMAP_AFTER_STORE", "seen")
            .withEnv("MAILER_POLL_INTERVAL", "1s")
            .withEnv("MAILER_OPS_TRIGGER_ENABLED", "true")
            .withEnv("MAILER_REPLY_FROM", DevStack.MAILBOX)
            .withEnv("MAILER_OLLAMA_URL", "http://ollama.invalid:11434")
            .withEnv("MAILER_ATTACHMENT_ROOT", "/data/attachments")
            .withEnv("MAILER_ATTACHMENT_QUARANTINE", "/data/quarantine")
            .withEnv("MAILER_STARTUP_GRACE", "60s")
            .withStartupTimeout(Duration.ofMinutes(3))
            .dependsOn(POSTGRES, MAIL);

    /** The mapped ports of the running containers, for the test's SMTP, IMAP and JDBC clients. */
    static OpsTarget target() {
        return new OpsTarget(MAIL.getHost(), MAIL.getMappedPort(3025), MAIL.getMappedPort(3143), POSTGRES.getJdbcUrl());
    }
}
