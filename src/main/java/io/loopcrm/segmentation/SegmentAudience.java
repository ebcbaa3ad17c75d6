package io.loopcrm.segmentation;

import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Saved segments as the audience of other modules' work (campaigns, care programmes): who
 * is in a segment right now. Membership is always evaluated live from the segment's
 * conditions against the current customer file, purchases and the latest segmentation
 * run; nothing is cached.
 */
public interface SegmentAudience {

	/** Every saved segment, by name. */
	List<SegmentSummary> segments();

	/** The segment, if it exists. */
	Optional<SegmentSummary> find(long segmentId);

	/**
	 * How many customers are in the segment now.
	 * @throws SegmentNotFoundException when there is no such segment
	 */
	long count(long segmentId);

	/**
	 * Streams the ids of the segment's members in ascending order to the consumer, from a
	 * database cursor inside one read-only transaction (one consistent snapshot; memory
	 * stays flat for any size).
	 * @return how many ids were streamed
	 * @throws SegmentNotFoundException when there is no such segment
	 */
	long members(long segmentId, LongConsumer consumer);

	/**
	 * One batch of member ids in ascending order, after {@code afterCustomerId} (keyset
	 * paging: pass the last id of the previous batch, {@code 0} to begin).
	 * @throws SegmentNotFoundException when there is no such segment
	 */
	List<Long> members(long segmentId, long afterCustomerId, int limit);

	/**
	 * Whether the customer is in the segment now.
	 * @throws SegmentNotFoundException when there is no such segment
	 */
	boolean contains(long segmentId, long customerId);

}
