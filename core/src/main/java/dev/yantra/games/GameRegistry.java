package dev.yantra.games;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The installed games, by game code. Games register themselves through {@link ServiceLoader}
 * ({@code META-INF/services/dev.yantra.games.GamePlugin}), so this package never imports a game's package and a
 * game can ship in its own jar.
 */
public final class GameRegistry {

    private final Map<String, GamePlugin<?, ?, ?>> byCode;

    public GameRegistry(List<? extends GamePlugin<?, ?, ?>> plugins) {
        Map<String, GamePlugin<?, ?, ?>> map = new LinkedHashMap<>();
        for (GamePlugin<?, ?, ?> plugin : plugins) {
            checkFormat(plugin);
            if (map.putIfAbsent(plugin.gameCode(), plugin) != null) {
                throw new IllegalArgumentException("game code '" + plugin.gameCode() + "' is registered twice");
            }
        }
        this.byCode = Map.copyOf(map);
    }

    /** Every game on the class path: adding a game = its class name in the game's service file. */
    public static GameRegistry standard() {
        List<GamePlugin<?, ?, ?>> plugins = new ArrayList<>();
        for (GamePlugin<?, ?, ?> plugin : ServiceLoader.load(GamePlugin.class, GameRegistry.class.getClassLoader())) {
            plugins.add(plugin);
        }
        if (plugins.isEmpty()) {
            throw new IllegalStateException("no game is installed: META-INF/services/dev.yantra.games.GamePlugin is missing");
        }
        return new GameRegistry(plugins);
    }

    public Optional<GamePlugin<?, ?, ?>> find(String gameCode) {
        return Optional.ofNullable(byCode.get(gameCode));
    }

    /** @throws IllegalArgumentException naming the unknown code and the known ones */
    public GamePlugin<?, ?, ?> get(String gameCode) {
        return find(gameCode).orElseThrow(() -> new IllegalArgumentException(
                "unknown game code '" + gameCode + "'; known: " + byCode.keySet()));
    }

    public Collection<GamePlugin<?, ?, ?>> all() {
        return byCode.values();
    }

    static void checkFormat(GamePlugin<?, ?, ?> plugin) {
        if (plugin.gameCode() == null || !GamePlugin.GAME_CODE_FORMAT.matcher(plugin.gameCode()).matches()) {
            throw new IllegalArgumentException("gameCode must be lowercase words joined by '-', was '" + plugin.gameCode() + "'");
        }
        if (plugin.rngVersion() == null || !GamePlugin.RNG_VERSION_FORMAT.matcher(plugin.rngVersion()).matches()) {
            throw new IllegalArgumentException("rngVersion must look like <name>-rng-v<digits>, was '" + plugin.rngVersion() + "'");
        }
    }
}
