package io.loopcrm.commerce;

import java.time.YearMonth;
import java.util.Set;

/**
 * Orders were added or changed (an import or the point-of-sale API), published after the
 * change committed. Figures precomputed per month listen to refresh those months.
 *
 * @param months calendar months (in the configured zone) that gained, lost or changed
 * orders
 */
public record OrdersChanged(Set<YearMonth> months) {
}
