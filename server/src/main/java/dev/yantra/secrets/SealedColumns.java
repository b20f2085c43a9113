package dev.yantra.secrets;

import java.util.List;

/**
 * Every column that holds text sealed under the master key, with what binds each text to its row (the associated
 * data it was sealed with). A feature that stores a new kind of sealed text adds one line here, or a rotation
 * would leave it under the old key (and {@code yantra secrets status} would not count it).
 */
public final class SealedColumns {
    /**
     * @param idColumn          orders and addresses the rows
     * @param associatedDataSql the SQL expression (over the row) of the associated data the text was sealed with
     */
    public record Column(String table, String column, String idColumn, String associatedDataSql) {
        String label() {
            return table + "." + column;
        }
    }

    public static final List<Column> ALL = List.of(
            new Column("operator_credentials", "secret_ciphertext", "kid", "kid"),
            new Column("banca_credentials", "secret_ciphertext", "key_id", "key_id"),
            new Column("fairness_chains", "seed_ciphertext", "id", "id::text"),
            new Column("portal_users", "totp_sealed", "id", "'portal_users.totp:' || id::text"),
            new Column("portal_users", "totp_pending", "id", "'portal_users.totp:' || id::text"));

    private SealedColumns() {
    }
}
