package dev.yantra.stripestandin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameters of one Stripe call: the form-encoded body of a POST or the query of a GET, as stripe-java sends
 * them ({@code metadata[play]=..}, {@code expand[0]=..}). Keys stay flat; nested ones are read by prefix.
 */
final class Form {
    private final Map<String, String> values;

    private Form(Map<String, String> values) {
        this.values = values;
    }

    static Form parse(String encoded) {
        Map<String, String> m = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.put(k, v);
            }
        }
        return new Form(m);
    }

    /** Refuses any parameter whose top-level name (before the first '[') is not in {@code allowed}. */
    Form allow(Set<String> allowed) {
        for (String k : values.keySet()) {
            int b = k.indexOf('[');
            if (!allowed.contains(b < 0 ? k : k.substring(0, b))) throw StripeError.unknownParam(k);
        }
        return this;
    }

    String string(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    String required(String key) {
        String v = string(key);
        if (v == null) throw StripeError.missingParam(key);
        return v;
    }

    Long integer(String key) {
        String v = string(key);
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw StripeError.invalidParam(key, "parameter_invalid_integer", "Invalid integer: " + v);
        }
    }

    boolean bool(String key) {
        String v = string(key);
        if (v == null || v.equals("false")) return false;
        if (v.equals("true")) return true;
        throw StripeError.invalidParam(key, "parameter_invalid_boolean", "Invalid boolean: " + v);
    }

    /** {@code metadata[k]=v} pairs as a map; an empty value removes the key, as on Stripe. */
    Map<String, String> map(String name) {
        Map<String, String> m = new LinkedHashMap<>();
        String prefix = name + "[";
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.endsWith("]")) m.put(k.substring(prefix.length(), k.length() - 1), v);
        });
        return m;
    }

    /** {@code expand[0]=a&expand[1]=b} (or {@code expand[]=a}) as a list. */
    List<String> list(String name) {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.equals(name + "[]")) m.put(k + m.size(), v);
            else if (k.startsWith(name + "[") && k.endsWith("]")) m.put(k, v);
        });
        return List.copyOf(m.values());
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The canonical content of the call, compared when an idempotency key is reused. */
    Map<String, String> canonical() {
        return Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
