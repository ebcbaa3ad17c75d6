package io.loopcrm.survey.internal;

/** What a question asks and the answers it takes. */
public enum QuestionType {

	/** 0–10 "how likely are you to recommend us". */
	NPS(0, 10),
	/** 1–5 "how satisfied are you". */
	CSAT(1, 5),
	/** 1–7 "how easy was it". */
	CES(1, 7),
	/** 1–5 rating of one dimension (product quality, service attitude …). */
	RATING(1, 5),
	/** One of the options. */
	SINGLE(0, 0),
	/** Any of the options. */
	MULTI(0, 0),
	/** Free text. */
	TEXT(0, 0);

	private final int min;

	private final int max;

	QuestionType(int min, int max) {
		this.min = min;
		this.max = max;
	}

	/** Whether the answer is a number on a scale. */
	public boolean scale() {
		return this.max > 0;
	}

	public int min() {
		return this.min;
	}

	public int max() {
		return this.max;
	}

}
