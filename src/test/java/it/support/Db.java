package it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.DevStack;
import dev.LocalPostgres;
import dev.MailerAccount;

/** Reads the mailer's database the way an operator would: plain SQL, with the mailer's own role. */
public final class Db {

    private final LocalPostgres postgres;
    private final MailerAccount account;

    public Db(DevStack stack) {
        this(stack.postgres(), DevStack.ACCOUNT);
    }

    public Db(LocalPostgres postgres, MailerAccount account) {
        this.postgres = postgres;
        this.account = account;
    }

    public List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = postgres.connect(account.dbName(), account.dbUser(), account.dbPassword());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A count, or -1 while the database cannot be reached. */
    public long count(String sql, Object... args) {
        try {
            return ((Number) rows(sql, args).get(0).values().iterator().next()).longValue();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    public List<Map<String, Object>> mailsWithSubject(String subject) {
        return rows(
                "select m.*, (select length(r.raw) from mail_raw r where r.mail_id = m.id) as raw_length"
                        + " from mail_message m where m.subject = ? order by m.id",
                subject);
    }
}
