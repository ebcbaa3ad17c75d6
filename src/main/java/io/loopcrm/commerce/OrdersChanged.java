package io.loopcrm.commerce;

import java.time.YearMonth;
import java.util.Set;

/**
 * Orders were added or changed (an import or the point-of-sale API), published after the
 * change committed. Figures precomputed per month listen to refresh those months.
 *
 * @param months calendar months (in the configured zone) that gained, lost or changed
 * orders
 * @param bulk whether a file import made the change (worth recomputing figures over all
 * orders at once) rather than a single order from the point-of-sale API
 */
public record OrdersChanged(Set<YearMonth> months, boolean bulk) {
}
