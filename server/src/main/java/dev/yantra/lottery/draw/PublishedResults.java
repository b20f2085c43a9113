package dev.yantra.lottery.draw;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The published results of draws, as the public draws list shows them ({@code first, second, third, pick3?}).
 * Implemented by the results code, which depends on draws (not the other way round).
 */
public interface PublishedResults {
    /** The released result of each of these draws that has one, by draw id. */
    Map<UUID, Map<String, Object>> forDraws(List<UUID> drawIds);
}
