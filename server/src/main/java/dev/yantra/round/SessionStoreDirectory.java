package dev.yantra.round;

import dev.yantra.round.port.PlaySession;
import dev.yantra.round.port.SessionDirectory;
import dev.yantra.session.SessionStore;
import java.util.Optional;

/** The operator feature's SessionStore seen as the bet path's {@link SessionDirectory}. */
public final class SessionStoreDirectory implements SessionDirectory {
    private final SessionStore store;

    public SessionStoreDirectory(SessionStore store) {
        this.store = store;
    }

    @Override
    public Optional<PlaySession> authenticate(String bearerToken) {
        return store.authenticate(bearerToken).map(s -> new PlaySession(s.id(), s.operatorId(), s.playerRef(),
                s.gameCode(), s.currency(), s.mode(), s.status(), s.expiresAt(), s.demoBalanceMicro()));
    }
}
