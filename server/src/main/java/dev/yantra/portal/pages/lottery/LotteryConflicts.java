package dev.yantra.portal.pages.lottery;

import dev.yantra.lottery.results.ResultConflictException;
import dev.yantra.lottery.withdrawals.WithdrawalConflictException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A lottery action refused because of the state it found (a result already entered, the same user confirming its
 * own result, a withdrawal already decided): 409 with the service's own message, as a page, nothing changed.
 */
@ControllerAdvice(basePackages = "dev.yantra.portal.pages.lottery")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LotteryConflicts {

    @ExceptionHandler({ResultConflictException.class, WithdrawalConflictException.class})
    public String conflict(RuntimeException e, HttpServletResponse res, Model model) {
        res.setStatus(409);
        model.addAttribute("status", 409);
        model.addAttribute("title", "Not done");
        model.addAttribute("message", e.getMessage());
        return "portal/error";
    }
}
