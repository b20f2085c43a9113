package dev.yantra.lottery.player;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier of a node with no SMS provider: writes the message to the log (logger
 * {@code dev.yantra.lottery.player.LogNotifier}), which is how a developer or the demo reads a reset code. The
 * destination is masked; the body is not, because reading it is the point — do not run it in production.
 */
public class LogNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(LogNotifier.class);

    @Override
    public void send(Notification n) {
        log.info("notification {} to {} via {} ({}): {}", n.id(), PhoneNumbers.masked(n.destination()), n.channel(),
                n.template(), n.body());
    }
}
