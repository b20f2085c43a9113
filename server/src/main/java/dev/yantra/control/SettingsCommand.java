package dev.yantra.control;

import dev.yantra.cli.Cli;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.db.Database;
import dev.yantra.config.YantraEnv;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code yantra settings get [key]} / {@code set key=value} / {@code clear key}: runtime settings, no restart. */
@Command(name = "settings", mixinStandardHelpOptions = true, description = "Runtime settings (breaker thresholds, job concurrency, SQL logging).",
        subcommands = {SettingsCommand.Get.class, SettingsCommand.Set.class, SettingsCommand.Clear.class})
public class SettingsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show every setting (or one) with its effective value.")
    static class Get implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(arity = "0..1", paramLabel = "KEY") String key;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            YantraEnv env = data.env();
            try (Database db = data.openDatabase()) {
                ControlSnapshot snap = new ControlStore(db.jdbc(), db.tx()).read();
                StringBuilder out = new StringBuilder(json ? "{" : String.format("%-32s %-8s %-7s %s%n", "KEY", "VALUE", "SOURCE", "MEANING"));
                boolean first = true;
                dev.yantra.breaker.BreakerSettings breakerEnv = dev.yantra.breaker.BreakerSettings.fromEnv();
                for (RuntimeSetting s : RuntimeSetting.values()) {
                    if (key != null && !RuntimeSetting.of(key).equals(s)) continue;
                    int value = snap.setting(s, s.envDefault(env, breakerEnv));
                    String source = snap.settings().containsKey(s.key) ? "set" : "default";
                    if (json) {
                        out.append(first ? "" : ",").append('"').append(s.key).append("\":").append(value);
                    } else {
                        out.append(String.format("%-32s %-8d %-7s %s%n", s.key, value, source, s.description));
                    }
                    first = false;
                }
                System.out.print(json ? out.append("}\n") : out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set KEY=VALUE (validated, audited, applied by every node within seconds).")
    static class Set implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE") java.util.List<String> assignments;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                ControlStore store = new ControlStore(db.jdbc(), db.tx());
                for (String a : assignments) {
                    int eq = a.indexOf('=');
                    if (eq < 1) throw new IllegalArgumentException("expected KEY=VALUE, was '" + a + "'");
                    RuntimeSetting s = RuntimeSetting.of(a.substring(0, eq).trim());
                    store.setSetting(s, a.substring(eq + 1), Cli.changedBy());
                    System.out.println(s.key + " = " + s.parse(a.substring(eq + 1)));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Return KEY to its default.")
    static class Clear implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "KEY") String key;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                new ControlStore(db.jdbc(), db.tx()).clearSetting(RuntimeSetting.of(key), Cli.changedBy());
                System.out.println(key + " back to its default");
            }
            return ExitCodes.OK;
        }
    }
}
