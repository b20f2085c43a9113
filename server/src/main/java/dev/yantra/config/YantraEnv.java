package dev.yantra.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment, read once and validated: every env var from conventions.md lives here,
 * so a bad value fails at start-up with a message that names it instead of deep inside a request.
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
    public static final int DEFAULT_BANCA_CALL_TIMEOUT_MS = 15_000;

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
        if (signatureWindowSeconds < 1 || signatureWindowSeconds > 60) {
            throw new UsageException("SIGNATURE_WINDOW_SECONDS must be between 1 and 60, was " + signatureWindowSeconds);
        }
        requirePositive("PORT", port);
        requirePositive("WALLET_CALL_TIMEOUT_MS", walletCallTimeoutMs);
        requirePositive("PENDING_JOB_CONCURRENCY", pendingJobConcurrency);
        requirePositive("PENDING_JOB_MAX_ATTEMPTS", pendingJobMaxAttempts);
        requirePositive("SHUTDOWN_GRACE_SECONDS", shutdownGraceSeconds);
        requirePositive("DEMO_WALLET_PORT", demoWalletPort);
        requirePositive("BANCA_CALL_TIMEOUT_MS", bancaCallTimeoutMs);
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
        return from(System.getenv());
    }

    public static YantraEnv from(Map<String, String> env) {
        String logFormat = env.get("LOG_FORMAT");   // read by logback itself; checked here so a typo stops start-up
        if (logFormat != null && !logFormat.isBlank() && !java.util.Set.of("text", "json").contains(logFormat.trim())) {
            throw new UsageException("LOG_FORMAT must be text or json, was '" + logFormat + "'");
        }
        EnvVars.CLOCK_OFFSET_MS.readOptional(env);   // read by NodeClock; checked here so a bad value stops start-up
        return new YantraEnv(
                intVar(env, "PORT", 8080),
                Path.of(env.getOrDefault("YANTRA_DATA_DIR", "./data")),
                nonBlank(env.get("DATABASE_URL")),
                nonBlank(env.get("YANTRA_MASTER_KEY")),
                nonBlank(env.get("YANTRA_ADMIN_TOKENS")),
                intVar(env, "SIGNATURE_WINDOW_SECONDS", 30),
                intVar(env, "WALLET_CALL_TIMEOUT_MS", 5000),
                intVar(env, "PENDING_JOB_CONCURRENCY", 16),
                intVar(env, "PENDING_JOB_MAX_ATTEMPTS", 50),
                intVar(env, "SHUTDOWN_GRACE_SECONDS", 45),
                intVar(env, "DEMO_WALLET_PORT", 8090),
                nonBlank(env.get("PUBLIC_BASE_URL")),
                Surfaces.parse(env.get("YANTRA_SURFACES")),
                Optional.ofNullable(env.get("JWT_SECRET")).filter(s -> !s.isEmpty()),
                intVar(env, "BANCA_CALL_TIMEOUT_MS", DEFAULT_BANCA_CALL_TIMEOUT_MS));
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

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be an integer, was '" + raw + "'");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new UsageException(name + " must be > 0, was " + value);
        }
    }
}
