package io.loopcrm.segmentation.internal;

/**
 * The eleven named RFM segments, decided by the recency score R and the frequency score F
 * (1–5 each), first match in this order.
 */
public enum RfmSegment {

	CHAMPIONS("Champions", "R 5, F 4–5"), LOYAL("Loyal", "R 3–4, F 4–5"),
	POTENTIAL_LOYALIST("Potential loyalist", "R 4–5, F 2–3"), NEW("New", "R 5, F 1"),
	PROMISING("Promising", "R 4, F 1"), NEED_ATTENTION("Need attention", "R 3, F 3"),
	ABOUT_TO_SLEEP("About to sleep", "R 3, F 1–2"), CANNOT_LOSE_THEM("Cannot lose them", "R 1–2, F 5"),
	AT_RISK("At risk", "R 1–2, F 3–4"), HIBERNATING("Hibernating", "R 1–2, F 1–2 (not both 1)"),
	LOST("Lost", "R 1, F 1");

	private final String label;

	private final String rule;

	RfmSegment(String label, String rule) {
		this.label = label;
		this.rule = rule;
	}

	/** The name the API and summaries use. */
	public String getLabel() {
		return this.label;
	}

	/** The scores that lead here, for the table on the page. */
	public String getRule() {
		return this.rule;
	}

	/** The segment of these scores. */
	static RfmSegment of(int r, int f) {
		if (r == 5 && f >= 4) {
			return CHAMPIONS;
		}
		if (r >= 3 && f >= 4) {
			return LOYAL;
		}
		if (r >= 4 && f >= 2) {
			return POTENTIAL_LOYALIST;
		}
		if (r == 5) {
			return NEW;
		}
		if (r == 4) {
			return PROMISING;
		}
		if (r == 3 && f == 3) {
			return NEED_ATTENTION;
		}
		if (r == 3) {
			return ABOUT_TO_SLEEP;
		}
		if (f == 5) {
			return CANNOT_LOSE_THEM;
		}
		if (f >= 3) {
			return AT_RISK;
		}
		return (r == 1 && f == 1) ? LOST : HIBERNATING;
	}

	/** The same decision in SQL over the given score columns. */
	static String sqlCase(String r, String f) {
		return """
				case when %1$s = 5 and %2$s >= 4 then 'CHAMPIONS'
				     when %1$s >= 3 and %2$s >= 4 then 'LOYAL'
				     when %1$s >= 4 and %2$s >= 2 then 'POTENTIAL_LOYALIST'
				     when %1$s = 5 then 'NEW'
				     when %1$s = 4 then 'PROMISING'
				     when %1$s = 3 and %2$s = 3 then 'NEED_ATTENTION'
				     when %1$s = 3 then 'ABOUT_TO_SLEEP'
				     when %2$s = 5 then 'CANNOT_LOSE_THEM'
				     when %2$s >= 3 then 'AT_RISK'
				     when %1$s = 1 and %2$s = 1 then 'LOST'
				     else 'HIBERNATING' end""".formatted(r, f);
	}

}
