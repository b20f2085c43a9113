package dev.yantra.round;

import dev.yantra.db.Rows;
import dev.yantra.fairness.HashChain;
import dev.yantra.fairness.SeedCipher;
import dev.yantra.fairness.Seeds;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table's committed hash chains (fairness_chains). Round k of a chain uses s_k with nonce k and announces s_{k-1};
 * only s_N is stored, encrypted with the chain id as associated data. The next chain is committed (published) while
 * the current one still has {@code length / 10} links left, so a commitment always precedes its first round.
 */
public final class ChainStore {
    public record ChainRow(UUID id, UUID tableId, String clientSeed, String s0, int length, String seedCiphertext,
                           int nextNonce, java.time.Instant createdAt, java.time.Instant exhaustedAt) {
    }

    /** What a new round draws: chain, nonce k, s_k (secret until settlement) and s_{k-1} (announced). */
    public record Draw(UUID chainId, String clientSeed, int nonce, String serverSeed, String serverSeedHash) {
    }

    private static final int MAX_CACHED_CHAINS = 64;
    private final JdbcClient jdbc;
    private final SeedCipher cipher;
    private final SecureRandom random;
    private final int chainLength;
    private final Map<UUID, HashChain> cache = new ConcurrentHashMap<>();

    public ChainStore(JdbcClient jdbc, SeedCipher cipher, SecureRandom random, int chainLength) {
        if (chainLength < 2 || chainLength > HashChain.MAX_LENGTH) {
            throw new IllegalArgumentException("chainLength must be in 2.." + HashChain.MAX_LENGTH + ", was " + chainLength);
        }
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.random = random;
        this.chainLength = chainLength;
    }

    /** Takes the next seed of the table's current chain; call inside the transaction that inserts the round. */
    public Draw next(UUID tableId) {
        ChainRow chain = current(tableId).orElseGet(() -> commit(tableId, null));
        if (chain.nextNonce() > chain.length()) {
            throw new IllegalStateException("chain " + chain.id() + " is exhausted but not marked");
        }
        int k = chain.nextNonce();
        int rows = jdbc.sql("""
                UPDATE fairness_chains SET next_nonce = next_nonce + 1,
                       exhausted_at = CASE WHEN next_nonce + 1 > length THEN now() END
                 WHERE id = :id AND next_nonce = :k""")
                .param("id", chain.id()).param("k", k).update();
        if (!Rows.one(rows, "nonce " + k + " of chain " + chain.id())) throw new IllegalStateException("chain " + chain.id() + " nonce " + k + " taken");
        if (chain.length() - k <= Math.max(1, chain.length() / 10) && otherOpenChains(tableId, chain.id()) == 0) {
            commit(tableId, chain.clientSeed());
        }
        HashChain hc = chain(chain);
        return new Draw(chain.id(), chain.clientSeed(), k, hc.seed(k), hc.seed(k - 1));
    }

    /** The seed of an earlier draw (for settlement, recovery and the reveal). */
    public String seed(UUID chainId, long nonce) {
        ChainRow row = find(chainId).orElseThrow(() -> new IllegalStateException("no chain " + chainId));
        return chain(row).seed((int) nonce);
    }

    public List<ChainRow> forTable(UUID tableId, int limit) {
        return jdbc.sql("SELECT * FROM fairness_chains WHERE table_id = :t ORDER BY created_at DESC LIMIT :n")
                .param("t", tableId).param("n", Math.min(Math.max(limit, 1), 100)).query(ChainStore::map).list();
    }

    public Optional<ChainRow> find(UUID chainId) {
        return jdbc.sql("SELECT * FROM fairness_chains WHERE id = :id").param("id", chainId).query(ChainStore::map).optional();
    }

    private Optional<ChainRow> current(UUID tableId) {
        return jdbc.sql("""
                SELECT * FROM fairness_chains WHERE table_id = :t AND exhausted_at IS NULL
                 ORDER BY created_at, id LIMIT 1 FOR UPDATE""")
                .param("t", tableId).query(ChainStore::map).optional();
    }

    private int otherOpenChains(UUID tableId, UUID current) {
        return jdbc.sql("SELECT count(*) FROM fairness_chains WHERE table_id = :t AND exhausted_at IS NULL AND id <> :c")
                .param("t", tableId).param("c", current).query(Integer.class).single();
    }

    /** Commits a new chain; its s_0 is public from this moment. The table's client seed carries over. */
    private ChainRow commit(UUID tableId, String clientSeed) {
        String client = clientSeed != null ? clientSeed : latestClientSeed(tableId).orElseGet(() -> Seeds.randomSeed(random).substring(0, 32));
        HashChain hc = HashChain.generate(chainLength, random);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO fairness_chains (id, table_id, client_seed, s0, length, seed_ciphertext, next_nonce)
                VALUES (:id, :t, :client, :s0, :len, :ct, 1)""")
                .param("id", id).param("t", tableId).param("client", client).param("s0", hc.commitment())
                .param("len", hc.length()).param("ct", cipher.encrypt(hc.tip(), id.toString())).update();
        cache.put(id, hc);
        return find(id).orElseThrow();
    }

    private Optional<String> latestClientSeed(UUID tableId) {
        return jdbc.sql("SELECT client_seed FROM fairness_chains WHERE table_id = :t ORDER BY created_at DESC LIMIT 1")
                .param("t", tableId).query(String.class).optional();
    }

    private HashChain chain(ChainRow row) {
        if (cache.size() > MAX_CACHED_CHAINS) cache.clear();
        return cache.computeIfAbsent(row.id(),
                id -> HashChain.fromTip(cipher.decrypt(row.seedCiphertext(), id.toString()), row.length()));
    }

    static ChainRow map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ChainRow(rs.getObject("id", UUID.class), rs.getObject("table_id", UUID.class),
                rs.getString("client_seed"), rs.getString("s0"), rs.getInt("length"), rs.getString("seed_ciphertext"),
                rs.getInt("next_nonce"), RoundStore.instant(rs, "created_at"), RoundStore.instant(rs, "exhausted_at"));
    }
}
