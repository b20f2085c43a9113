package dev.yantra.round.port;

import java.util.Optional;

/** Finds a session by its bearer token (the token itself is never stored, only its hash). */
public interface SessionDirectory {
    Optional<PlaySession> authenticate(String bearerToken);
}
