package dev.yantra.operator;

import dev.yantra.db.Rows;
import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns the operators table: creating, listing, finding (by id or name) and updating casino operators, with
 * validation of every field and an admin_audit_log row per change. Used by the CLI, the admin API and the
 * inbound authentication (status, allow-list, rate limit).
 */
@Component
public class Operators {
    public static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED", "TERMINATED");
    /** Legal status changes; TERMINATED is final (money owed is still paid by the job runner). */
    private static final Set<String> TRANSITIONS = Set.of("ACTIVE>PAUSED", "PAUSED>ACTIVE", "ACTIVE>TERMINATED", "PAUSED>TERMINATED");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_RATE_LIMIT = 100_000;

    private final JdbcClient jdbc;
    private final AdminAudit audit;

    public Operators(JdbcClient jdbc, AdminAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public record Operator(UUID id, String name, String status, List<String> allowedCurrencies, String walletCallbackUrl,
                           String complianceContact, List<String> ipAllowList, int rateLimitPerSecond,
                           Instant createdAt, Instant updatedAt, List<String> embedOrigins) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id.toString());
            m.put("name", name);
            m.put("status", status);
            m.put("allowedCurrencies", allowedCurrencies);
            m.put("walletCallbackUrl", walletCallbackUrl);
            m.put("complianceContact", complianceContact);
            m.put("ipAllowList", ipAllowList);
            m.put("rateLimitPerSecond", rateLimitPerSecond);
            m.put("embedOrigins", embedOrigins);
            m.put("createdAt", createdAt.toString());
            m.put("updatedAt", updatedAt.toString());
            return m;
        }
    }

    /** What create accepts; null ipAllowList = any address, null rateLimit = the default (100/s). */
    public record NewOperator(String name, String complianceContact, List<String> currencies, String walletUrl,
                              List<String> ipAllowList, Integer rateLimitPerSecond) {
    }

    /** What update accepts: null fields stay as they are; an empty allow-list clears it (any address). */
    public record OperatorChanges(String status, String walletUrl, List<String> ipAllowList, Integer rateLimitPerSecond,
                                  String complianceContact, List<String> currencies) {
    }

    public Operator create(NewOperator n, String changedBy) {
        validateName(n.name());
        String contact = validateContact(n.complianceContact());
        List<String> currencies = validateCurrencies(n.currencies());
        String wallet = validateWalletUrl(n.walletUrl());
        List<String> allow = n.ipAllowList() == null ? null : IpAllowList.validate(n.ipAllowList());
        int rate = n.rateLimitPerSecond() == null ? 100 : validateRate(n.rateLimitPerSecond());
        if (findByName(n.name()).isPresent()) {
            throw new UsageException("an operator named '" + n.name() + "' already exists");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO operators (id, name, status, allowed_currencies, wallet_callback_url, compliance_contact,
                                               ip_allow_list, rate_limit_per_second)
                        VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?)""")
                .params(id, n.name(), currencies.toArray(String[]::new), wallet, contact,
                        allow == null ? null : allow.toArray(String[]::new), rate)
                .update();
        Operator created = get(id.toString());
        audit.record(changedBy, "operator.create", "operator:" + id, null, Json.write(created.toJson()), null);
        return created;
    }

    public Operator update(String idOrName, OperatorChanges c, String changedBy) {
        Operator old = get(idOrName);
        String status = old.status();
        if (c.status() != null) {
            status = c.status().toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(status)) throw new UsageException("status must be ACTIVE, PAUSED or TERMINATED, was " + c.status());
            if (!status.equals(old.status()) && !TRANSITIONS.contains(old.status() + ">" + status)) {
                throw new UsageException("cannot change status from " + old.status() + " to " + status);
            }
        }
        String wallet = c.walletUrl() == null ? old.walletCallbackUrl() : validateWalletUrl(c.walletUrl());
        List<String> allow = c.ipAllowList() == null ? old.ipAllowList()
                : c.ipAllowList().isEmpty() ? null : IpAllowList.validate(c.ipAllowList());
        int rate = c.rateLimitPerSecond() == null ? old.rateLimitPerSecond() : validateRate(c.rateLimitPerSecond());
        String contact = c.complianceContact() == null ? old.complianceContact() : validateContact(c.complianceContact());
        List<String> currencies = c.currencies() == null ? old.allowedCurrencies() : validateCurrencies(c.currencies());
        int rows = jdbc.sql("""
                        UPDATE operators SET status = ?, wallet_callback_url = ?, ip_allow_list = ?, rate_limit_per_second = ?,
                               compliance_contact = ?, allowed_currencies = ?, updated_at = now()
                        WHERE id = ? AND status = ?""")
                .params(status, wallet, allow == null ? null : allow.toArray(String[]::new), rate, contact,
                        currencies.toArray(String[]::new), old.id(), old.status())
                .update();
        if (rows == 0) throw new UsageException("operator " + old.name() + " changed concurrently; try again");
        Operator updated = get(old.id().toString());
        audit.record(changedBy, "operator.update", "operator:" + old.id(), Json.write(old.toJson()), Json.write(updated.toJson()), null);
        return updated;
    }

    /**
     * The sites allowed to frame this operator's /play (CSP frame-ancestors). Each is an origin: scheme https (or
     * http for localhost), host, optional port, nothing else — a path or a wildcard would widen what may frame us.
     * An empty list means /play may be framed by our own origin only.
     */
    public Operator setEmbedOrigins(String idOrName, List<String> origins, String changedBy) {
        Operator old = get(idOrName);
        List<String> valid = origins.stream().map(Operators::validateOrigin).distinct().toList();
        int rows = jdbc.sql("UPDATE operators SET embed_origins = ?, updated_at = now() WHERE id = ?")
                .params(valid.toArray(String[]::new), old.id()).update();
        Rows.exactlyOne(rows, "embed origins update");
        Operator updated = get(old.id().toString());
        audit.record(changedBy, "operator.embed_origins", "operator:" + old.id(), String.join(",", old.embedOrigins()),
                String.join(",", updated.embedOrigins()), null);
        return updated;
    }

    private static final java.util.regex.Pattern ORIGIN =
            java.util.regex.Pattern.compile("(https://[a-z0-9.-]{1,253}|http://(localhost|127\\.0\\.0\\.1))(:[0-9]{1,5})?");

    static String validateOrigin(String origin) {
        String o = origin == null ? "" : origin.trim().toLowerCase(Locale.ROOT);
        if (!ORIGIN.matcher(o).matches()) {
            throw new UsageException("an embed origin is https://host[:port] (http only for localhost), was '" + origin + "'");
        }
        return o;
    }

    public List<Operator> list() {
        return jdbc.sql("SELECT * FROM operators ORDER BY name").query(Operators::map).list();
    }

    /** By id or by name; NotFoundException (exit 1 / 404) when neither matches. */
    public Operator get(String idOrName) {
        return find(idOrName).orElseThrow(() -> new NotFoundException("no operator '" + idOrName + "'"));
    }

    public Optional<Operator> find(String idOrName) {
        if (idOrName == null) return Optional.empty();
        Optional<UUID> id = parseUuid(idOrName);
        if (id.isPresent()) return findById(id.get());
        return findByName(idOrName);
    }

    public Optional<Operator> findById(UUID id) {
        return jdbc.sql("SELECT * FROM operators WHERE id = ?").param(id).query(Operators::map).optional();
    }

    private Optional<Operator> findByName(String name) {
        return jdbc.sql("SELECT * FROM operators WHERE name = ?").param(name).query(Operators::map).optional();
    }

    static Optional<UUID> parseUuid(String s) {
        try {
            return s.length() == 36 ? Optional.of(UUID.fromString(s)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Operator map(ResultSet rs, int row) throws SQLException {
        return new Operator(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("status"),
                strings(rs.getArray("allowed_currencies")), rs.getString("wallet_callback_url"), rs.getString("compliance_contact"),
                rs.getArray("ip_allow_list") == null ? null : strings(rs.getArray("ip_allow_list")),
                rs.getInt("rate_limit_per_second"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                strings(rs.getArray("embed_origins")));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UsageException("name must be 1-64 of A-Z a-z 0-9 . _ - (starting with a letter or digit), was '" + name + "'");
        }
    }

    private static String validateContact(String contact) {
        if (contact == null || contact.isBlank()) throw new UsageException("a compliance contact is required (the playbooks page them)");
        if (contact.length() > 256) throw new UsageException("compliance contact must be at most 256 characters");
        return contact.trim();
    }

    private static List<String> validateCurrencies(List<String> currencies) {
        if (currencies == null || currencies.isEmpty()) throw new UsageException("at least one currency is required (e.g. LKR,USD)");
        List<String> out = currencies.stream().map(String::trim).map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
        for (String c : out) {
            if (!CURRENCY.matcher(c).matches()) throw new UsageException("currency must be 3 letters (ISO 4217), was '" + c + "'");
        }
        if (out.size() > 50) throw new UsageException("at most 50 currencies");
        return out;
    }

    private static String validateWalletUrl(String url) {
        if (url == null || url.isBlank()) throw new UsageException("a wallet callback URL is required");
        try {
            URI u = URI.create(url.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new UsageException("wallet URL must be an absolute http(s) URL, was '" + url + "'");
            }
            if (u.getRawQuery() != null) throw new UsageException("wallet URL must not have a query string");
        } catch (IllegalArgumentException e) {
            throw new UsageException("wallet URL is not a valid URL: '" + url + "'");
        }
        if (url.length() > 2048) throw new UsageException("wallet URL must be at most 2048 characters");
        return url.trim();
    }

    private static int validateRate(int rate) {
        if (rate < 1 || rate > MAX_RATE_LIMIT) throw new UsageException("rate limit must be between 1 and " + MAX_RATE_LIMIT + " per second, was " + rate);
        return rate;
    }
}
