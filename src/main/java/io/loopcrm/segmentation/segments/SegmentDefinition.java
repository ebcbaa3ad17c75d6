package io.loopcrm.segmentation.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A segment's conditions as a tree: a group matches ALL or ANY of its conditions, each of
 * which is a field condition or a nested group. The top of a definition is a group.
 */
final class SegmentDefinition {

	private SegmentDefinition() {
	}

	/** How a group combines its conditions. */
	enum Match {

		ALL, ANY

	}

	/** A field condition or a group. */
	sealed interface Node permits Group, Condition {

	}

	/**
	 * Conditions combined with AND (ALL) or OR (ANY).
	 *
	 * @param match how they combine
	 * @param conditions at least one
	 */
	record Group(Match match, List<Node> conditions) implements Node {

		Group {
			conditions = List.copyOf(conditions);
		}

		/** Every field condition in this group and the groups inside it. */
		List<Condition> allConditions() {
			List<Condition> all = new ArrayList<>();
			forEachCondition(all::add);
			return all;
		}

		void forEachCondition(Consumer<Condition> action) {
			for (Node node : this.conditions) {
				if (node instanceof Condition condition) {
					action.accept(condition);
				}
				else if (node instanceof Group group) {
					group.forEachCondition(action);
				}
			}
		}

	}

	/**
	 * One condition on a field.
	 *
	 * @param path where it stands in the definition, e.g. {@code conditions[1]} (for
	 * error messages)
	 * @param field the field
	 * @param op the operator, one of the field's
	 * @param values the checked values: one, or a list for {@code in}/{@code notIn}, or
	 * from and to for {@code between}; {@link String}, {@link java.math.BigDecimal},
	 * {@link Long} or {@link java.time.LocalDate} by the field's kind
	 * @param days days back for purchase fields, else {@code null}
	 */
	record Condition(String path, Field field, Op op, List<Object> values, Integer days) implements Node {

		Condition {
			values = List.copyOf(values);
		}

		Object value() {
			return this.values.get(0);
		}

	}

}
