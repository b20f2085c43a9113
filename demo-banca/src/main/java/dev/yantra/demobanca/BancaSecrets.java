package dev.yantra.demobanca;

import dev.yantra.signing.BancaSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets this banca shares with Yantra, by id (Yantra's id of the credential). During a rotation it holds
 * two: requests signed with either verify, and webhooks are signed with the newest, which Yantra accepts from
 * the moment it issues it. Kept in memory only: Yantra shows a secret once, and the demo wiring posts it here.
 */
final class BancaSecrets {
    /** A bound, like every collection here: a rotation needs two, a demo a handful. */
    static final int MAX_SECRETS = 32;

    record Secret(String id, byte[] key) {
    }

    private final LinkedHashMap<String, byte[]> byId = new LinkedHashMap<>();

    BancaSecrets(Map<String, byte[]> initial) {
        initial.forEach(this::add);
    }

    synchronized void add(String id, byte[] key) {
        if (id == null || id.isBlank() || id.length() > 200) throw new IllegalArgumentException("a secret id must be 1..200 characters");
        if (key == null || key.length == 0) throw new IllegalArgumentException("secret '" + id + "' must not be empty");
        if (!byId.containsKey(id) && byId.size() >= MAX_SECRETS) {
            throw new IllegalArgumentException("at most " + MAX_SECRETS + " secrets; delete one first");
        }
        byId.remove(id);              // re-adding moves it to newest
        byId.put(id, key.clone());
    }

    synchronized boolean remove(String id) {
        return byId.remove(id) != null;
    }

    synchronized List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The newest secret: the one webhooks are signed with. */
    synchronized Optional<Secret> newest() {
        Map.Entry<String, byte[]> last = byId.lastEntry();
        return last == null ? Optional.empty() : Optional.of(new Secret(last.getKey(), last.getValue().clone()));
    }

    /**
     * The id of the secret this request's signature verifies under, trying every secret held (each comparison is
     * constant-time; the order leaks at most which slot matched, not a byte of any secret).
     */
    Optional<String> verify(String method, String path, String timestamp, byte[] body, String signature) {
        List<Secret> all;
        synchronized (this) {
            all = new ArrayList<>(byId.size());
            byId.forEach((id, key) -> all.add(new Secret(id, key)));
        }
        for (Secret s : all) {
            if (BancaSignature.verify(s.key(), method, path, timestamp, body, signature)) return Optional.of(s.id());
        }
        return Optional.empty();
    }
}
