package dev.yantra.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The node's own settings from the environment, read once through {@link EnvVars} (each variable's default and range)
 * and validated, so a bad value fails at start-up with a message that names it instead of deep inside a request.
 */
public record YantraEnv(
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        Optional<String> masterKeyBase64,
        Optional<String> adminTokens,
        int signatureWindowSeconds,
        int walletCallTimeoutMs,
        int pendingJobConcurrency,
        int pendingJobMaxAttempts,
        int shutdownGraceSeconds,
        int demoWalletPort,
        Optional<String> publicBaseUrl,
        Surfaces surfaces,
        Optional<String> jwtSecret,
        int bancaCallTimeoutMs) {

    /** Default outbound banca call timeout (BANCA_CALL_TIMEOUT_MS). */
    public static final int DEFAULT_BANCA_CALL_TIMEOUT_MS = EnvVars.BANCA_CALL_TIMEOUT_MS.defaultValue();

    /** Without the banca timeout: the default applies (for callers built before the lottery hub). */
    public YantraEnv(int port, Path dataDir, Optional<String> databaseUrl, Optional<String> masterKeyBase64,
                     Optional<String> adminTokens, int signatureWindowSeconds, int walletCallTimeoutMs,
                     int pendingJobConcurrency, int pendingJobMaxAttempts, int shutdownGraceSeconds, int demoWalletPort,
                     Optional<String> publicBaseUrl, Surfaces surfaces, Optional<String> jwtSecret) {
        this(port, dataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds, walletCallTimeoutMs,
                pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort, publicBaseUrl, surfaces,
                jwtSecret, DEFAULT_BANCA_CALL_TIMEOUT_MS);
    }

    public YantraEnv {
        EnvVars.SIGNATURE_WINDOW_SECONDS.check(signatureWindowSeconds);
        EnvVars.PORT.check(port);
        EnvVars.WALLET_CALL_TIMEOUT_MS.check(walletCallTimeoutMs);
        EnvVars.PENDING_JOB_CONCURRENCY.check(pendingJobConcurrency);
        EnvVars.PENDING_JOB_MAX_ATTEMPTS.check(pendingJobMaxAttempts);
        EnvVars.SHUTDOWN_GRACE_SECONDS.check(shutdownGraceSeconds);
        EnvVars.DEMO_WALLET_PORT.check(demoWalletPort);
        EnvVars.BANCA_CALL_TIMEOUT_MS.check(bancaCallTimeoutMs);
        publicBaseUrl = publicBaseUrl.map(YantraEnv::validBaseUrl);
    }

    /**
     * PUBLIC_BASE_URL: the externally visible http(s) origin, optionally with a path prefix, no query or fragment.
     * Absolute URLs (launch URLs) are built from it, never from the request's Host header, which the client writes.
     */
    static String validBaseUrl(String raw) {
        String url = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            java.net.URI u = new java.net.URI(url);
            boolean ok = ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null
                    && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null;
            if (ok) return url;
        } catch (java.net.URISyntaxException ignored) {
            // reported below with the variable's name
        }
        throw new UsageException("PUBLIC_BASE_URL must be an absolute http(s) URL without query or fragment, was '" + raw + "'");
    }

    /** The base of absolute URLs: PUBLIC_BASE_URL, or this node's loopback address where none is configured. */
    public String publicBaseUrlOrLocal() {
        return publicBaseUrl.orElse("http://localhost:" + port);
    }

    public static YantraEnv fromSystem() {
        return from(EnvVars.process());
    }

    public static YantraEnv from(Map<String, String> env) {
        EnvVars.LOG_FORMAT.read(env);   // read by the log filter; checked here so a typo stops start-up
        EnvVars.CLOCK_OFFSET_MS.readOptional(env);   // read by NodeClock; checked here so a bad value stops start-up
        return new YantraEnv(
                EnvVars.PORT.read(env),
                Path.of(EnvVars.DATA_DIR.read(env).orElseThrow()),
                EnvVars.DATABASE_URL.read(env),
                EnvVars.MASTER_KEY.read(env),
                EnvVars.ADMIN_TOKENS.read(env),
                EnvVars.SIGNATURE_WINDOW_SECONDS.read(env),
                EnvVars.WALLET_CALL_TIMEOUT_MS.read(env),
                EnvVars.PENDING_JOB_CONCURRENCY.read(env),
                EnvVars.PENDING_JOB_MAX_ATTEMPTS.read(env),
                EnvVars.SHUTDOWN_GRACE_SECONDS.read(env),
                EnvVars.DEMO_WALLET_PORT.read(env),
                EnvVars.PUBLIC_BASE_URL.read(env),
                Surfaces.parse(EnvVars.SURFACES.read(env).orElse(null)),
                // not trimmed: the secret is the exact bytes given
                Optional.ofNullable(env.get(EnvVars.JWT_SECRET.name())).filter(s -> !s.isEmpty()),
                EnvVars.BANCA_CALL_TIMEOUT_MS.read(env));
    }

    public YantraEnv withPort(int newPort) {
        return new YantraEnv(newPort, dataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds,
                walletCallTimeoutMs, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort, publicBaseUrl, surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public YantraEnv withDataDir(Path newDataDir) {
        return new YantraEnv(port, newDataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds,
                walletCallTimeoutMs, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort, publicBaseUrl, surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public YantraEnv withDatabaseUrl(String url) {
        return new YantraEnv(port, dataDir, Optional.ofNullable(url), masterKeyBase64, adminTokens, signatureWindowSeconds,
                walletCallTimeoutMs, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort, publicBaseUrl, surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public YantraEnv withWalletCallTimeoutMs(int ms) {
        return new YantraEnv(port, dataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds,
                ms, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort, publicBaseUrl, surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public YantraEnv withJobRunner(int concurrency, int maxAttempts) {
        return new YantraEnv(port, dataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds,
                walletCallTimeoutMs, concurrency, maxAttempts, shutdownGraceSeconds, demoWalletPort, publicBaseUrl, surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public YantraEnv withAdminTokens(String tokens) {
        return new YantraEnv(port, dataDir, databaseUrl, masterKeyBase64, Optional.of(tokens), signatureWindowSeconds,
                walletCallTimeoutMs, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort, publicBaseUrl, surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public YantraEnv withPublicBaseUrl(String url) {
        return new YantraEnv(port, dataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds,
                walletCallTimeoutMs, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort,
                Optional.of(url), surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public boolean embedded() {
        return databaseUrl.isEmpty();
    }
}
