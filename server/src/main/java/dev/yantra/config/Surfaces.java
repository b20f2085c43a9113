package dev.yantra.config;

import java.util.Locale;

/**
 * What a node serves (YANTRA_SURFACES): the RGS, the lottery hub, or both (the default). One node type serves
 * either; the lottery needs JWT_SECRET, the RGS does not, so an RGS-only node starts without it.
 */
public record Surfaces(boolean rgs, boolean lottery) {
    public static final Surfaces BOTH = new Surfaces(true, true);

    public Surfaces {
        if (!rgs && !lottery) throw new UsageException("YANTRA_SURFACES must name at least one of rgs, lottery");
    }

    /** Parses {@code rgs}, {@code lottery} or {@code rgs,lottery} (any order, spaces ignored); blank means both. */
    public static Surfaces parse(String raw) {
        if (raw == null || raw.isBlank()) return BOTH;
        boolean rgs = false;
        boolean lottery = false;
        for (String part : raw.split(",")) {
            switch (part.trim().toLowerCase(Locale.ROOT)) {
                case "rgs" -> rgs = true;
                case "lottery" -> lottery = true;
                default -> throw new UsageException("YANTRA_SURFACES must be rgs, lottery or rgs,lottery, was '" + raw + "'");
            }
        }
        return new Surfaces(rgs, lottery);
    }

    @Override
    public String toString() {
        return rgs && lottery ? "rgs,lottery" : rgs ? "rgs" : "lottery";
    }
}
