package dev.yantra.jobs;

import dev.yantra.api.ApiException;
import dev.yantra.config.YantraEnv;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minimal admin API authentication from YANTRA_ADMIN_TOKENS ({@code name:token,...}): a bearer token that
 * matches (constant time) yields its name, which audit rows record as changed_by. To be swapped for the
 * operator feature's admin auth when it lands.
 */
public final class AdminBearer {
    private final Map<String, byte[]> tokens = new LinkedHashMap<>();

    public AdminBearer(YantraEnv env) {
        env.adminTokens().ifPresent(raw -> {
            for (String pair : raw.split(",")) {
                String p = pair.trim();
                int colon = p.indexOf(':');
                if (colon <= 0 || colon == p.length() - 1) continue;
                tokens.put(p.substring(0, colon), p.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** @return the token's name; throws a 401 ApiException otherwise */
    public String authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "missing_admin_token", "Authorization: Bearer <admin token> required");
        }
        byte[] offered = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, byte[]> e : tokens.entrySet()) {
            if (MessageDigest.isEqual(e.getValue(), offered)) match = e.getKey();
        }
        if (match == null) throw new ApiException(401, "invalid_admin_token", "unknown admin token");
        return match;
    }
}
