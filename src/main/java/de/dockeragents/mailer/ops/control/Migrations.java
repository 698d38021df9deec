package de.dockeragents.mailer.ops.control;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The schema comes from the versioned migrations in {@code db/migration}, applied at start-up. */
public final class Migrations {

    private Migrations() {}

    /**
     * Liberty serves the WAR's resources through its own URL scheme; Flyway finds them there by the
     * empty marker file {@code db/migration/flyway.location}. A build that lost the migrations must not
     * start on an empty schema, hence the check.
     * <p>
     * Flyway also scans {@code db/callback} for callback classes whatever the configuration says (its
     * constructor does), and logs an unresolvable location on Liberty as an error; the same empty
     * marker in {@code db/callback} makes it resolvable, and it holds no callbacks.
     */
    public static MigrateResult apply(DataSource dataSource) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbackLocations(new String[0])
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        if (flyway.info().current() == null) {
            throw new IllegalStateException("no database migrations found in db/migration");
        }
        return result;
    }
}
