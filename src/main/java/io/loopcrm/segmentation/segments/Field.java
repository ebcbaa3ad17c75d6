package io.loopcrm.segmentation.segments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.loopcrm.customer.LifecycleStages;
import io.loopcrm.segmentation.internal.RfmSegment;

/**
 * The whitelist of fields a segment condition may use, by the names the API uses. Only
 * these names, their operators and the SQL written here ever reach a query; values are
 * always bind parameters ({@link SegmentSql}). Profile fields come from the customer
 * module's {@code customer_segment_fields} view, segmentation figures from the latest
 * run's {@code customer_segment} rows, purchases from the commerce module's
 * {@code commerce_purchase} and {@code commerce_purchase_category} views, clusters from
 * {@code customer_cluster} of the latest {@code cluster_run}, satisfaction from the
 * survey module's {@code survey_customer_satisfaction} view (the customer's latest
 * answers).
 */
public enum Field {

	CITY("city", Kind.TEXT, Section.PROFILE, "c.city"), REGION("region", Kind.TEXT, Section.PROFILE, "c.region"),
	GENDER("gender", Kind.CHOICE, Section.PROFILE, "c.gender",
			choices("customer.gender.", "FEMALE", "MALE", "OTHER", "UNDISCLOSED")),
	AGE_BAND("ageBand", Kind.CHOICE, Section.PROFILE, "c.age_band", ageBands()),
	OCCUPATION("occupation", Kind.CHOICE, Section.PROFILE, "c.occupation",
			choices("customer.occupation.", "OFFICE", "PROFESSIONAL", "MANAGEMENT", "SERVICE", "MANUFACTURING",
					"SELF_EMPLOYED", "PUBLIC_SECTOR", "STUDENT", "RETIRED", "HOMEMAKER", "OTHER")),
	SOURCE("source", Kind.CHOICE, Section.PROFILE, "c.source_channel",
			choices("customer.source.", "WEB_FORM", "STORE_VISIT", "PHONE", "EVENT", "REFERRAL", "IMPORT", "API")),
	PREFERRED_CHANNEL("preferredChannel", Kind.CHOICE, Section.PROFILE, "c.preferred_channel",
			choices("customer.channel.", "EMAIL", "SMS", "PHONE", "WECHAT", "IN_PERSON")),
	OWNER("owner", Kind.KEYWORD, Section.PROFILE, "c.owner_username"),
	CREATED_AT("createdAt", Kind.DATE, Section.PROFILE, "c.created_at"),
	TAG("tag", Kind.TAG, Section.PROFILE, "c.tags"),
	CONSENT("consent", Kind.CONSENT, Section.PROFILE, null, choices("customer.consent.", "EMAIL", "SMS", "PHONE")),

	RFM_SEGMENT("rfmSegment", Kind.CHOICE, Section.SEGMENTATION, "s.rfm_segment", rfmSegments()),
	LIFECYCLE("lifecycle", Kind.CHOICE, Section.SEGMENTATION, "s.lifecycle",
			choices("customer.stage.", LifecycleStages.ALL.toArray(String[]::new))),
	VALUE_TIER("valueTier", Kind.CHOICE, Section.SEGMENTATION, "s.value_tier",
			choices("segmentation.tier.", "HIGH", "MID", "LOW")),
	RECENCY_DAYS("recencyDays", Kind.INTEGER, Section.SEGMENTATION, "s.recency_days"),
	FREQUENCY("frequency", Kind.INTEGER, Section.SEGMENTATION, "s.frequency"),
	MONETARY("monetary", Kind.MONEY, Section.SEGMENTATION, "s.monetary"),
	CLUSTER("cluster", Kind.CODE, Section.SEGMENTATION, "k.cluster"),

	SPENT_LAST_DAYS("spentLastDays", Kind.MONEY, Section.PURCHASES, null, Days.REQUIRED),
	ORDERS_LAST_DAYS("ordersLastDays", Kind.INTEGER, Section.PURCHASES, null, Days.REQUIRED),
	BOUGHT_CATEGORY("boughtCategory", Kind.CATEGORY, Section.PURCHASES, null, Days.OPTIONAL),

	NPS_GROUP("npsGroup", Kind.CHOICE, Section.SATISFACTION,
			"(case when v.last_nps >= 9 then 'PROMOTER' when v.last_nps >= 7 then 'PASSIVE'"
					+ " when v.last_nps >= 0 then 'DETRACTOR' end)",
			choices("segments.npsGroup.", "PROMOTER", "PASSIVE", "DETRACTOR")),
	LAST_NPS("lastNps", Kind.INTEGER, Section.SATISFACTION, "v.last_nps"),
	LAST_CSAT("lastCsat", Kind.INTEGER, Section.SATISFACTION, "v.last_csat"),
	LAST_CES("lastCes", Kind.INTEGER, Section.SATISFACTION, "v.last_ces"),
	LAST_SURVEYED("lastSurveyed", Kind.DATE, Section.SATISFACTION, "v.last_responded_at");

	/** Where a field's data comes from, for the builder's grouping. */
	public enum Section {

		PROFILE, SEGMENTATION, PURCHASES, SATISFACTION

	}

	/** Whether a condition on the field takes a number of days back. */
	public enum Days {

		NONE, REQUIRED, OPTIONAL

	}

	/** What kind of value a field holds, which decides its operators. */
	public enum Kind {

		/** free text, matched exactly or as a part (case-insensitive) */
		TEXT(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.CONTAINS, Op.PREFIX),
		/** a name matched exactly (usernames) */
		KEYWORD(Op.EQ, Op.NE, Op.IN, Op.NOT_IN),
		/** one of a fixed list of values */
		CHOICE(Op.EQ, Op.NE, Op.IN, Op.NOT_IN),
		/** tags a customer has (exact, case-sensitive) */
		TAG(Op.EQ, Op.NE, Op.IN, Op.NOT_IN),
		/** marketing consents a customer has given */
		CONSENT(Op.EQ, Op.NE, Op.IN, Op.NOT_IN),
		/** product categories a customer has bought from */
		CATEGORY(Op.EQ, Op.NE, Op.IN, Op.NOT_IN),
		/** a day in loopcrm.zone */
		DATE(Op.EQ, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN),
		/** a whole number */
		INTEGER(Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN),
		/** an amount of money */
		MONEY(Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN),
		/** a whole-number code (cluster numbers) */
		CODE(Op.EQ, Op.NE, Op.IN, Op.NOT_IN);

		private final Set<Op> ops;

		Kind(Op first, Op... rest) {
			this.ops = EnumSet.of(first, rest);
		}

		Set<Op> ops() {
			return this.ops;
		}

		/** Kinds whose conditions read "includes" rather than "is". */
		public boolean isSet() {
			return this == TAG || this == CONSENT || this == CATEGORY;
		}

	}

	/**
	 * One allowed value of a {@link Kind#CHOICE} or {@link Kind#CONSENT} field.
	 *
	 * @param api the value in the API and in stored definitions
	 * @param db the value in the database
	 * @param messageKey its label
	 */
	public record Choice(String api, String db, String messageKey) {
	}

	/** Days a purchase condition may look back at most (ten years). */
	static final int MAX_DAYS = 3650;

	private final String apiName;

	private final Kind kind;

	private final Section section;

	private final String column;

	private final Days days;

	private final List<Choice> choices;

	Field(String apiName, Kind kind, Section section, String column) {
		this(apiName, kind, section, column, Days.NONE, List.of());
	}

	Field(String apiName, Kind kind, Section section, String column, List<Choice> choices) {
		this(apiName, kind, section, column, Days.NONE, choices);
	}

	Field(String apiName, Kind kind, Section section, String column, Days days) {
		this(apiName, kind, section, column, days, List.of());
	}

	Field(String apiName, Kind kind, Section section, String column, Days days, List<Choice> choices) {
		this.apiName = apiName;
		this.kind = kind;
		this.section = section;
		this.column = column;
		this.days = days;
		this.choices = choices;
	}

	public String getApiName() {
		return this.apiName;
	}

	public Kind getKind() {
		return this.kind;
	}

	public Section getSection() {
		return this.section;
	}

	/** The SQL column of fields read straight from a joined relation. */
	String column() {
		return this.column;
	}

	public Days getDays() {
		return this.days;
	}

	public List<Choice> getChoices() {
		return this.choices;
	}

	/** The operators of this field, in a fixed order. */
	public List<Op> getOps() {
		return Arrays.stream(Op.values()).filter(this.kind.ops()::contains).toList();
	}

	/** Reads from the latest segmentation run. */
	boolean fromSegmentation() {
		return this.column != null && this.column.startsWith("s.");
	}

	/**
	 * Whether the field reads the survey module's {@code survey_customer_satisfaction}
	 * view.
	 */
	boolean fromSatisfaction() {
		return this.section == Section.SATISFACTION;
	}

	/** The allowed value matching the text (its API or database value, any case). */
	Optional<Choice> choice(String value) {
		for (Choice choice : this.choices) {
			if (choice.api().equalsIgnoreCase(value) || choice.db().equalsIgnoreCase(value)) {
				return Optional.of(choice);
			}
		}
		return Optional.empty();
	}

	Choice choiceByDb(String db) {
		return this.choices.stream().filter((c) -> c.db().equals(db)).findFirst().orElse(null);
	}

	static Optional<Field> byApiName(String name) {
		for (Field field : values()) {
			if (field.apiName.equals(name)) {
				return Optional.of(field);
			}
		}
		return Optional.empty();
	}

	static String apiNames() {
		return String.join(", ", Arrays.stream(values()).map(Field::getApiName).toList());
	}

	private static List<Choice> choices(String messagePrefix, String... values) {
		List<Choice> choices = new ArrayList<>();
		for (String value : values) {
			choices.add(new Choice(value, value, messagePrefix + value));
		}
		return List.copyOf(choices);
	}

	/** Age bands by their labels, as the customer file keeps them. */
	private static List<Choice> ageBands() {
		String[][] bands = { { "<18", "UNDER_18" }, { "18-24", "AGE_18_24" }, { "25-34", "AGE_25_34" },
				{ "35-44", "AGE_35_44" }, { "45-54", "AGE_45_54" }, { "55-64", "AGE_55_64" },
				{ "65+", "AGE_65_PLUS" } };
		List<Choice> choices = new ArrayList<>();
		for (String[] band : bands) {
			choices.add(new Choice(band[0], band[0], "customer.ageBand." + band[1]));
		}
		return List.copyOf(choices);
	}

	/** RFM segments by the names the segmentation API uses ("Champions"). */
	private static List<Choice> rfmSegments() {
		List<Choice> choices = new ArrayList<>();
		for (RfmSegment segment : RfmSegment.values()) {
			choices.add(new Choice(segment.getLabel(), segment.name(), "segmentation.rfm." + segment.name()));
		}
		return List.copyOf(choices);
	}

	/** Normalises a category name: "top&gt;sub" and "top &gt; sub" are the same. */
	static String categoryKey(String value) {
		return String.join(" > ", Arrays.stream(value.split(">")).map(String::strip).toList()).toLowerCase(Locale.ROOT);
	}

}
