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
        Surfaces surfaces,
        Optional<String> jwtSecret,
        int bancaCallTimeoutMs) {

    /** Default outbound banca call timeout (BANCA_CALL_TIMEOUT_MS). */
    public static final int DEFAULT_BANCA_CALL_TIMEOUT_MS = 15_000;

    /** Without the banca timeout: the default applies (for callers built before the lottery hub). */
    public YantraEnv(int port, Path dataDir, Optional<String> databaseUrl, Optional<String> masterKeyBase64,
                     Optional<String> adminTokens, int signatureWindowSeconds, int walletCallTimeoutMs,
                     int pendingJobConcurrency, int pendingJobMaxAttempts, int shutdownGraceSeconds, int demoWalletPort,
                     Surfaces surfaces, Optional<String> jwtSecret) {
        this(port, dataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds, walletCallTimeoutMs,
                pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort, surfaces, jwtSecret,
                DEFAULT_BANCA_CALL_TIMEOUT_MS);
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
    }

    public static YantraEnv fromSystem() {
        return from(System.getenv());
    }

    public static YantraEnv from(Map<String, String> env) {
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
                Surfaces.parse(env.get("YANTRA_SURFACES")),
                Optional.ofNullable(env.get("JWT_SECRET")).filter(s -> !s.isEmpty()),
                intVar(env, "BANCA_CALL_TIMEOUT_MS", DEFAULT_BANCA_CALL_TIMEOUT_MS));
    }

    public YantraEnv withPort(int newPort) {
        return new YantraEnv(newPort, dataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds,
                walletCallTimeoutMs, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort,
                surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public YantraEnv withDataDir(Path newDataDir) {
        return new YantraEnv(port, newDataDir, databaseUrl, masterKeyBase64, adminTokens, signatureWindowSeconds,
                walletCallTimeoutMs, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort,
                surfaces, jwtSecret, bancaCallTimeoutMs);
    }

    public YantraEnv withDatabaseUrl(String url) {
        return new YantraEnv(port, dataDir, Optional.ofNullable(url), masterKeyBase64, adminTokens, signatureWindowSeconds,
                walletCallTimeoutMs, pendingJobConcurrency, pendingJobMaxAttempts, shutdownGraceSeconds, demoWalletPort,
                surfaces, jwtSecret, bancaCallTimeoutMs);
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
