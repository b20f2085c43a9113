package dev.yantra.lottery.payments;

import dev.yantra.config.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How this node reaches Stripe, read once from the environment: {@code STRIPE_SECRET_KEY} (without it card
 * payments are refused as unavailable), {@code STRIPE_WEBHOOK_SECRET} (one {@code whsec_} secret, or two
 * separated by a comma while the endpoint's secret is rolled), {@code STRIPE_API_BASE} (only for the stand-in:
 * production leaves stripe-java's default), and the card minimums {@code CARD_MINIMUM_DOP} / {@code CARD_MINIMUM_USD}
 * in currency units (defaults 50 and 1). A bean of this type (demo, tests) wins over the environment.
 */
public record StripeSettings(Optional<String> secretKey, List<String> webhookSecrets, Optional<String> apiBase,
                             long cardMinimumDopMicro, long cardMinimumUsdMicro) {
    public static final long DEFAULT_MINIMUM_DOP_MICRO = 50L * 100_000;
    public static final long DEFAULT_MINIMUM_USD_MICRO = 100_000;

    public StripeSettings {
        webhookSecrets = List.copyOf(webhookSecrets);
        if (secretKey.isPresent() && !secretKey.get().startsWith("sk_") && !secretKey.get().startsWith("rk_")) {
            throw new UsageException("STRIPE_SECRET_KEY must be a Stripe secret key (sk_live_..., sk_test_... or a restricted rk_... key)");
        }
        for (String s : webhookSecrets) {
            if (!s.startsWith("whsec_")) throw new UsageException("STRIPE_WEBHOOK_SECRET must be whsec_... secrets, separated by a comma");
        }
        if (webhookSecrets.size() > 2) throw new UsageException("STRIPE_WEBHOOK_SECRET takes at most two secrets (old,new) while rolling");
        apiBase.ifPresent(StripeSettings::validBase);
        if (cardMinimumDopMicro <= 0 || cardMinimumUsdMicro <= 0) throw new UsageException("CARD_MINIMUM_DOP and CARD_MINIMUM_USD must be > 0");
    }

    /** The stand-in (demo, tests): its key, its API base and the secret it signs webhooks with. */
    public static StripeSettings standIn(String apiBase, String secretKey, String webhookSecret) {
        return new StripeSettings(Optional.of(secretKey), List.of(webhookSecret), Optional.of(apiBase),
                DEFAULT_MINIMUM_DOP_MICRO, DEFAULT_MINIMUM_USD_MICRO);
    }

    public static StripeSettings fromEnv(Map<String, String> env) {
        return new StripeSettings(nonBlank(env.get("STRIPE_SECRET_KEY")),
                nonBlank(env.get("STRIPE_WEBHOOK_SECRET")).map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                        .orElse(List.of()),
                nonBlank(env.get("STRIPE_API_BASE")),
                units(env, "CARD_MINIMUM_DOP", DEFAULT_MINIMUM_DOP_MICRO), units(env, "CARD_MINIMUM_USD", DEFAULT_MINIMUM_USD_MICRO));
    }

    /** Whether card payments can be taken at all on this node. */
    public boolean configured() {
        return secretKey.isPresent();
    }

    public long cardMinimumMicro(String currency) {
        return "USD".equals(currency) ? cardMinimumUsdMicro : cardMinimumDopMicro;
    }

    private static void validBase(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new UsageException("STRIPE_API_BASE must be an http(s) URL (the stand-in's), was '" + url + "'");
        }
    }

    private static long units(Map<String, String> env, String name, long fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            return dev.yantra.lottery.money.LotteryAmount.parse(raw.trim());
        } catch (RuntimeException e) {
            throw new UsageException(name + " must be an amount in currency units such as 50 or 1.50, was '" + raw + "'");
        }
    }

    private static Optional<String> nonBlank(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
