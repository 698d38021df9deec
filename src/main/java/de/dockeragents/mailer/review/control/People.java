package de.dockeragents.mailer.review.control;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.review.entity.AuditAction;
import de.dockeragents.mailer.review.entity.Person;
import de.dockeragents.mailer.review.entity.Problem;
import de.dockeragents.mailer.review.entity.Role;

/**
 * The review_person table: who may log in, with which role, and an admin's changes to it, each
 * audited in its own transaction. Accounts made from the operator's secrets are changed only by
 * them ({@link #configure}); the last enabled admin cannot be disabled, nor can admins disable
 * themselves.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class People {

    private static final Logger LOG = Logger.getLogger(People.class.getName());
    /** The seed of {@link #configure}'s advisory lock keys, one per login name (any constant of ours; "revp" in ASCII). */
    private static final long CONFIGURE_LOCK = 0x72657670L;

    private static final String COLUMNS = "id, name, role, enabled, configured, generation, updated_at";

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    PasswordHashes hashes;

    @Inject
    AuditTrail audit;

    @Inject
    LoginSettings settings;

    public List<Person> list() {
        return em.createNativeQuery("SELECT " + COLUMNS + " FROM review_person ORDER BY name").getResultList().stream()
                .map(People::person)
                .toList();
    }

    public Optional<Person> find(long id) {
        return first(em.createNativeQuery("SELECT " + COLUMNS + " FROM review_person WHERE id = ?1")
                .setParameter(1, id)
                .getResultList());
    }

    /** The person and their password hash, by login name (any case). */
    public Optional<Account> account(String name) {
        List<?> rows = em.createNativeQuery("SELECT " + COLUMNS + ", password_hash FROM review_person WHERE name = ?1")
                .setParameter(1, name.toLowerCase(Locale.ROOT))
                .getResultList();
        return rows.isEmpty()
                ? Optional.empty()
                : Optional.of(new Account(person(rows.get(0)), (String) ((Object[]) rows.get(0))[7]));
    }

    /** A person with their hash, for the password check only. */
    public record Account(Person person, String passwordHash) {
        @Override
        public String toString() {
            return person.toString();
        }
    }

    public Person add(String actor, String name, Role role, String password) {
        String login = validName(name);
        PasswordRules.check(login, password, settings.minPasswordLength());
        if (account(login).isPresent()) {
            throw Problem.conflict("a person named '" + login + "' exists already");
        }
        em.createNativeQuery("INSERT INTO review_person (name, role, password_hash) VALUES (?1, ?2, ?3)")
                .setParameter(1, login)
                .setParameter(2, role.label())
                .setParameter(3, hashes.hash(password))
                .executeUpdate();
        audit.record(actor, AuditAction.PERSON_ADD, null, null, null, login, role.label());
        return account(login).orElseThrow().person();
    }

    public void enable(String actor, String name, boolean enabled) {
        Person p = changeable(name);
        if (p.enabled() == enabled) {
            return;
        }
        if (!enabled) {
            if (p.name().equals(actor)) {
                throw Problem.conflict("you cannot disable yourself");
            }
            if (p.admin() && enabledAdmins() <= 1) {
                throw Problem.conflict("'" + p.name() + "' is the last enabled admin");
            }
        }
        em.createNativeQuery("UPDATE review_person SET enabled = ?1, generation = generation + 1, updated_at = now()"
                        + " WHERE id = ?2")
                .setParameter(1, enabled)
                .setParameter(2, p.id())
                .executeUpdate();
        audit.record(
                actor,
                enabled ? AuditAction.PERSON_ENABLE : AuditAction.PERSON_DISABLE,
                null,
                null,
                null,
                p.name(),
                null);
    }

    /** A new password set by an admin; the person's open sessions end. */
    public void resetPassword(String actor, String name, String password) {
        Person p = changeable(name);
        PasswordRules.check(p.name(), password, settings.minPasswordLength());
        em.createNativeQuery("UPDATE review_person SET password_hash = ?1, generation = generation + 1,"
                        + " updated_at = now() WHERE id = ?2")
                .setParameter(1, hashes.hash(password))
                .setParameter(2, p.id())
                .executeUpdate();
        audit.record(actor, AuditAction.PERSON_PASSWORD, null, null, null, p.name(), null);
    }

    /**
     * At start: each account of the operator's configuration with a password is made, or updated to
     * that password and role and enabled; one without a password that was made so before is disabled.
     */
    public void configure(LoginSettings.ConfiguredAccount configured) {
        // instances of one mailer start together on one database: one at a time per login name here,
        // until commit, so the second sees the first's row instead of inserting it again (unique name);
        // different names do not wait for each other (ConfiguredPeople makes them side by side)
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?1, ?2))")
                .setParameter(1, configured.name())
                .setParameter(2, CONFIGURE_LOCK)
                .getSingleResult();
        Optional<Account> existing = account(configured.name());
        if (!configured.hasPassword()) {
            existing.filter(a -> a.person().configured() && a.person().enabled())
                    .ifPresent(a -> {
                        em.createNativeQuery("UPDATE review_person SET enabled = false, generation = generation + 1,"
                                        + " updated_at = now() WHERE id = ?1")
                                .setParameter(1, a.person().id())
                                .executeUpdate();
                        LOG.warning(() -> "login '" + a.person().name() + "' disabled: " + configured.passwordKey()
                                + " is no longer set");
                    });
            return;
        }
        String why = PasswordRules.problem(configured.name(), configured.password(), settings.minPasswordLength());
        if (why != null) {
            // the operator's choice, and the mailer runs as before: a note, not a warning
            LOG.info(() -> configured.passwordKey() + " breaks the page's password rules (" + why
                    + "); the login works, but consider a better one");
        }
        if (existing.isEmpty()) {
            em.createNativeQuery("INSERT INTO review_person (name, role, password_hash, configured)"
                            + " VALUES (?1, ?2, ?3, true)")
                    .setParameter(1, configured.name())
                    .setParameter(2, configured.role().label())
                    .setParameter(3, hashes.hash(configured.password()))
                    .executeUpdate();
            LOG.info(() -> "login '" + configured.name() + "' ("
                    + configured.role().label() + ") made from " + configured.passwordKey());
            return;
        }
        Account a = existing.get();
        boolean samePassword = hashes.verify(configured.password(), a.passwordHash());
        if (samePassword
                && a.person().configured()
                && a.person().enabled()
                && a.person().role().equals(configured.role().label())) {
            return;
        }
        em.createNativeQuery("UPDATE review_person SET role = ?1, password_hash = ?2, enabled = true,"
                        + " configured = true, generation = generation + ?3, updated_at = now() WHERE id = ?4")
                .setParameter(1, configured.role().label())
                .setParameter(2, samePassword ? a.passwordHash() : hashes.hash(configured.password()))
                .setParameter(3, samePassword ? 0 : 1)
                .setParameter(4, a.person().id())
                .executeUpdate();
        LOG.info(() -> "login '" + configured.name() + "' (" + configured.role().label() + ") updated from "
                + configured.passwordKey());
    }

    private Person changeable(String name) {
        Person p = account(validName(name))
                .orElseThrow(() -> Problem.notFound("person '" + name + "'"))
                .person();
        if (p.configured()) {
            throw Problem.conflict("'" + p.name() + "' is set by the operator's configuration (review.admin.* or"
                    + " review.staff.*): change or remove the secret there");
        }
        return p;
    }

    private long enabledAdmins() {
        return Rows.count(em.createNativeQuery("SELECT count(*) FROM review_person WHERE enabled AND role = 'admin'")
                .getSingleResult());
    }

    static String validName(String name) {
        String login = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!login.matches(LoginSettings.NAME_PATTERN)) {
            throw Problem.invalid(
                    "name",
                    "a name is 1-40 letters a-z, digits, '.', '_' or '-', starting with a letter or digit"
                            + " (e.g. anna.schmidt)");
        }
        return login;
    }

    private static Optional<Person> first(List<?> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(person(rows.get(0)));
    }

    private static Person person(Object row) {
        Object[] r = (Object[]) row;
        return new Person(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                (Boolean) r[3],
                (Boolean) r[4],
                ((Number) r[5]).intValue(),
                Rows.instant(r[6]));
    }
}
