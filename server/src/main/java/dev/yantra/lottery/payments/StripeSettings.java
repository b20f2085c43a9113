package dev.yantra.lottery.payments;

import dev.yantra.config.EnvVar;
import dev.yantra.config.EnvVars;
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
    public static final long DEFAULT_MINIMUM_DOP_MICRO = dev.yantra.lottery.money.LotteryAmount.parse(EnvVars.CARD_MINIMUM_DOP.defaultValue());
    public static final long DEFAULT_MINIMUM_USD_MICRO = dev.yantra.lottery.money.LotteryAmount.parse(EnvVars.CARD_MINIMUM_USD.defaultValue());

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
        return new StripeSettings(EnvVars.STRIPE_SECRET_KEY.read(env),
                EnvVars.STRIPE_WEBHOOK_SECRET.read(env).map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                        .orElse(List.of()),
                EnvVars.STRIPE_API_BASE.raw(env),   // checked by the constructor, with the stand-in's hint
                units(env, EnvVars.CARD_MINIMUM_DOP), units(env, EnvVars.CARD_MINIMUM_USD));
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

    private static long units(Map<String, String> env, EnvVar.Text amount) {
        String raw = amount.read(env).orElseThrow();
        try {
            return dev.yantra.lottery.money.LotteryAmount.parse(raw);
        } catch (RuntimeException e) {
            throw new UsageException(amount.name() + " must be " + amount.rangeText() + ", was '" + raw + "'");
        }
    }

}
