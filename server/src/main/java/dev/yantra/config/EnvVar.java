package dev.yantra.config;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * One environment variable the node reads: its name, its default and the one range a value must lie in. Reading it
 * either gives a value inside the range or throws a {@link UsageException} that names the variable and the value, so
 * a bad setting stops start-up (exit 64) instead of surfacing deep inside a request. Every variable is declared once,
 * in {@link EnvVars}; docs/configuration.md lists the same names, defaults and ranges (a test compares them).
 */
public sealed interface EnvVar permits EnvVar.Int, EnvVar.Decimal, EnvVar.Text {
    String name();

    /** The default as docs/configuration.md writes it. */
    String defaultText();

    /** The values allowed, as docs/configuration.md writes them. */
    String rangeText();

    /** The raw value, or empty when unset or blank (blank counts as unset, as shells often export empty values). */
    default Optional<String> raw(Map<String, String> env) {
        String v = env.get(name());
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A whole number in {@code min..max}; {@code defaultValue} null means the variable has no default (unset = off). */
    record Int(String name, Integer defaultValue, int min, int max, String unsetText) implements EnvVar {
        public Int {
            if (min > max || defaultValue != null && (defaultValue < min || defaultValue > max)) {
                throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + min + ".." + max);
            }
        }

        public Int(String name, int defaultValue, int min, int max) {
            this(name, defaultValue, min, max, null);
        }

        /** {@code value} when it lies in the range; a value built in code is held to the same range as the variable. */
        public int check(long value) {
            if (value < min || value > max) throw new UsageException(name + " must be in " + rangeText() + ", was " + value);
            return (int) value;
        }

        /** The value, or the default when unset. */
        public int read(Map<String, String> env) {
            if (defaultValue == null) throw new IllegalStateException(name + " has no default: use readOptional");
            return readOptional(env).orElse(defaultValue);
        }

        /** The value when set; empty when unset. */
        public OptionalInt readOptional(Map<String, String> env) {
            Optional<String> raw = raw(env);
            if (raw.isEmpty()) return OptionalInt.empty();
            long v;
            try {
                v = Long.parseLong(raw.get());
            } catch (NumberFormatException e) {
                throw new UsageException(name + " must be a whole number in " + rangeText() + ", was '" + raw.get() + "'");
            }
            if (v < min || v > max) throw new UsageException(name + " must be in " + rangeText() + ", was " + raw.get());
            return OptionalInt.of((int) v);
        }

        @Override
        public String defaultText() {
            return defaultValue == null ? unsetText : String.valueOf(defaultValue);
        }

        @Override
        public String rangeText() {
            return min + ".." + max;
        }
    }

    /** A decimal number in {@code min..max}. */
    record Decimal(String name, double defaultValue, double min, double max) implements EnvVar {
        public Decimal {
            if (min > max || defaultValue < min || defaultValue > max) {
                throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + min + ".." + max);
            }
        }

        /** {@code value} when it lies in the range; a value built in code is held to the same range as the variable. */
        public double check(double value) {
            if (!(value >= min && value <= max)) throw new UsageException(name + " must be in " + rangeText() + ", was " + value);
            return value;
        }

        public double read(Map<String, String> env) {
            Optional<String> raw = raw(env);
            if (raw.isEmpty()) return defaultValue;
            double v;
            try {
                v = Double.parseDouble(raw.get());
            } catch (NumberFormatException e) {
                throw new UsageException(name + " must be a number in " + rangeText() + ", was '" + raw.get() + "'");
            }
            if (!(v >= min && v <= max)) throw new UsageException(name + " must be in " + rangeText() + ", was " + raw.get());
            return v;
        }

        @Override
        public String defaultText() {
            return plain(defaultValue);
        }

        @Override
        public String rangeText() {
            return plain(min) + ".." + plain(max);
        }

        private static String plain(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
    }

    /**
     * Text whose allowed values {@code rangeText} describes and {@code valid} checks; {@code defaultValue} null means
     * unset is a state of its own (off, or generated), which {@code defaultText} describes. Where the shape is a
     * parser's (a database URL, a key, the surfaces), {@code valid} accepts any text and the parser refuses a bad
     * value with this variable's name.
     */
    record Text(String name, String defaultValue, String defaultText, String rangeText, Predicate<String> valid)
            implements EnvVar {
        /** The value (trimmed) when set and valid, else the default (which may be empty). */
        public Optional<String> read(Map<String, String> env) {
            Optional<String> raw = raw(env);
            if (raw.isPresent() && !valid.test(raw.get())) {
                throw new UsageException(name + " must be " + rangeText + ", was '" + raw.get() + "'");
            }
            return raw.or(() -> Optional.ofNullable(defaultValue));
        }
    }
}
