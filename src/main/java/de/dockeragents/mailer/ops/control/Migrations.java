package de.dockeragents.mailer.ops.control;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The schema comes from the versioned migrations in {@code db/migration}, applied at start-up. */
public final class Migrations {

    private Migrations() {
    }

    public static MigrateResult apply(DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
