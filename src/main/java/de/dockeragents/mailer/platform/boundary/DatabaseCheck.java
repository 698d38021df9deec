package de.dockeragents.mailer.platform.boundary;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while PostgreSQL answers. */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    @Resource(lookup = "jdbc/mailer")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        long start = System.nanoTime();
        var response = HealthCheckResponse.named("database");
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid(2);
            return response.status(valid)
                    .withData("latencyMs", (System.nanoTime() - start) / 1_000_000)
                    .build();
        } catch (SQLException e) {
            return response.down()
                    .withData("sqlState", String.valueOf(e.getSQLState()))
                    .build();
        }
    }
}
