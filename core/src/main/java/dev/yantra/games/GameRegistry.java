package dev.yantra.games;

import dev.yantra.games.ketapola.KetapolaDicePlugin;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The installed games, by game code. The one intended dependency from this package into a game package is the
 * registration list in {@link #standard()}.
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

    /** Every game this build ships. Adding a game = one line here. */
    public static GameRegistry standard() {
        return new GameRegistry(List.of(
                new KetapolaDicePlugin()));
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
