package io.loopcrm.commerce.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lines of an order as they follow each other while a file is read: numbers them
 * within their order and notes the first line of each run that disagrees with the run's
 * first line on the order's customer, time, channel, status or store (the same checks, in
 * the same order, as the set-based path). Whether every order came as one run is checked
 * afterwards in SQL; if not, the set-based path numbers and compares instead.
 */
final class OrderBlocks {

	/** A line that disagrees with the first line of its order. */
	record Conflict(String orderNumber, long line, String column) {
	}

	private final List<Conflict> conflicts = new ArrayList<>();

	private OrderLineParser.Line first;

	private int lineNo;

	private boolean conflicted;

	/**
	 * Takes the next valid line.
	 * @param lineNumber its line in the file
	 * @param line the line
	 * @return its number within the current run of its order, from 1
	 */
	int next(long lineNumber, OrderLineParser.Line line) {
		if (this.first != null && this.first.orderNumber().equals(line.orderNumber())) {
			this.lineNo++;
			if (!this.conflicted) {
				String column = disagreement(this.first, line);
				if (column != null) {
					this.conflicts.add(new Conflict(line.orderNumber(), lineNumber, column));
					this.conflicted = true;
				}
			}
			return this.lineNo;
		}
		this.first = line;
		this.lineNo = 1;
		this.conflicted = false;
		return 1;
	}

	List<Conflict> conflicts() {
		return this.conflicts;
	}

	/** The first column (as the set-based path checks them) in which the lines differ. */
	static String disagreement(OrderLineParser.Line head, OrderLineParser.Line line) {
		if (!line.customerExternalId().equals(head.customerExternalId())) {
			return "customer_external_id";
		}
		if (micros(line.orderedAt()) != micros(head.orderedAt())) {
			return "ordered_at";
		}
		if (line.channel() != head.channel()) {
			return "channel";
		}
		if (line.status() != head.status()) {
			return "status";
		}
		if (!Objects.equals(line.store(), head.store())) {
			return "store";
		}
		return null;
	}

	/** A time as PostgreSQL stores it: rounded to the microsecond. */
	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
				Math.round(instant.getNano() / 1000.0));
	}

}
