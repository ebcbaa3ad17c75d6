package io.loopcrm.segmentation.segments;

import java.util.Optional;

/** The operators of segment conditions, by the names the API uses. */
public enum Op {

	EQ("eq", Arity.ONE), NE("ne", Arity.ONE), IN("in", Arity.LIST), NOT_IN("notIn", Arity.LIST), GT("gt", Arity.ONE),
	GTE("gte", Arity.ONE), LT("lt", Arity.ONE), LTE("lte", Arity.ONE), BETWEEN("between", Arity.TWO),
	CONTAINS("contains", Arity.ONE), PREFIX("prefix", Arity.ONE);

	/** How many values an operator takes. */
	public enum Arity {

		/** a single value */
		ONE,
		/** a list of one or more values */
		LIST,
		/** a list of exactly two values, from and to */
		TWO

	}

	private final String apiName;

	private final Arity arity;

	Op(String apiName, Arity arity) {
		this.apiName = apiName;
		this.arity = arity;
	}

	public String getApiName() {
		return this.apiName;
	}

	public Arity getArity() {
		return this.arity;
	}

	/** Whether the value is a list ({@code in}, {@code notIn}, {@code between}). */
	public boolean isList() {
		return this.arity != Arity.ONE;
	}

	static Optional<Op> byApiName(String name) {
		for (Op op : values()) {
			if (op.apiName.equals(name)) {
				return Optional.of(op);
			}
		}
		return Optional.empty();
	}

}
