package dev.yantra.portal;

import dev.yantra.security.SurfaceGuard;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The one login check: password, then the second factor (a TOTP code, or a recovery code) from the same form.
 * A user with no second factor yet gets only {@link #ENROL}, which opens the enrolment page and nothing else.
 * Every failure looks the same to the client (no hint whether the user exists, is locked or typed a wrong code);
 * each counts toward the lockout, and a locked or disabled user is refused before its password is compared.
 */
@Component
public class PortalLogin implements AuthenticationProvider {
    /** Password checked, no second factor enrolled yet: enrolment only. */
    public static final String ENROL = "PORTAL_ENROL";
    /** A hash of nothing anyone knows, compared when the user does not exist so timing does not tell. */
    private static final String DUMMY_HASH = PortalUsers.PASSWORDS.encode("no such portal user, ever");

    private final PortalUsers users;
    private final SecondFactor factor;
    private final java.time.Clock clock;

    public PortalLogin(PortalUsers users, SecondFactor factor, org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
        this.users = users;
        this.factor = factor;
        this.clock = PortalConfiguration.clock(clock);
    }

    /** The second-factor field of the login form, carried to {@link #authenticate} as the token's details. */
    public record SecondFactorCode(String code) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        public static SecondFactorCode of(HttpServletRequest request) {
            String c = request.getParameter("code");
            return new SecondFactorCode(c == null ? "" : c.trim().replace(" ", ""));
        }

        @Override
        public String toString() {
            return "SecondFactorCode[redacted]";
        }
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String username = request.getName();
        String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
        String code = request.getDetails() instanceof SecondFactorCode c ? c.code() : "";
        var found = users.find(username);
        if (found.isEmpty()) {
            PortalUsers.passwordMatches(password, DUMMY_HASH);
            throw refused();
        }
        PortalUsers.Account account = found.get();
        if (account.disabledAt() != null || account.lockedAt(clock.instant())) throw refused();
        if (!PortalUsers.passwordMatches(password, account.passwordHash())) throw failed(account);
        PortalUser user = account.user();
        if (account.totpSealed() == null) return token(user, ENROL);
        OptionalLong step = factor.check(account, code);
        if (step.isPresent()) {
            users.recordSuccess(user.id(), step.getAsLong());
            return token(user, SurfaceGuard.PORTAL_AUTHORITY);
        }
        if (factor.useRecoveryCode(user, code)) {
            users.recordSuccess(user.id(), 0);
            return token(user, SurfaceGuard.PORTAL_AUTHORITY);
        }
        throw failed(account);
    }

    /** The authentication of a user who has just confirmed enrolment with a valid code. */
    public static Authentication enrolled(PortalUser user) {
        return token(user, SurfaceGuard.PORTAL_AUTHORITY);
    }

    private static Authentication token(PortalUser user, String authority) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(new SimpleGrantedAuthority(authority)));
    }

    private BadCredentialsException failed(PortalUsers.Account account) {
        users.recordFailure(account.user().id());
        return refused();
    }

    private static BadCredentialsException refused() {
        return new BadCredentialsException("login failed");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
