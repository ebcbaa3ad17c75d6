package io.loopcrm.segmentation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A saved segment as other modules see it.
 *
 * @param id id
 * @param name its unique name
 * @param owner username of who created it
 * @param updatedAt when its conditions or name last changed
 * @param lastSize members at the last recorded count (daily and on save), {@code null}
 * before the first
 * @param lastSizeDay the day of that count
 */
public record SegmentSummary(long id, String name, String owner, Instant updatedAt, Long lastSize,
		LocalDate lastSizeDay) {
}
