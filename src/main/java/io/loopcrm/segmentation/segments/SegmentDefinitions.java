package io.loopcrm.segmentation.segments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.segments.SegmentDefinition.Condition;
import io.loopcrm.segmentation.segments.SegmentDefinition.Group;
import io.loopcrm.segmentation.segments.SegmentDefinition.Match;
import io.loopcrm.segmentation.segments.SegmentDefinition.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads segment definitions from their JSON form and writes them back in canonical form.
 * Reading checks everything that does not need the database: field and operator names
 * against the whitelist ({@link Field}, {@link Op}), the operator against the field, the
 * type and count of values, the days, unknown properties, nesting and size. Every problem
 * is reported with its path ({@code conditions[1].field},
 * {@code conditions[2].group.conditions[0].value}) in one {@link ValidationException}.
 *
 * <pre>
 * {"match": "ALL" | "ANY",
 *  "conditions": [
 *    {"field": "tag", "op": "eq", "value": "vip"},
 *    {"field": "spentLastDays", "days": 90, "op": "gte", "value": 1000},
 *    {"group": {"match": "ANY", "conditions": [...]}}]}
 * </pre>
 */
final class SegmentDefinitions {

	/** Groups inside groups: the top level and two more. */
	static final int MAX_DEPTH = 3;

	/** Field conditions in one definition. */
	static final int MAX_CONDITIONS = 50;

	/** Values of one {@code in} or {@code notIn} list. */
	static final int MAX_VALUES = 200;

	/** Length of one text value. */
	static final int MAX_TEXT = 200;

	private static final Set<String> CONDITION_KEYS = Set.of("field", "op", "value", "days");

	private SegmentDefinitions() {
	}

	/**
	 * Reads the {@code match} and {@code conditions} of a JSON object (other properties,
	 * such as {@code name}, are the caller's).
	 * @throws ValidationException naming every problem
	 */
	static Group parse(JsonNode root) {
		Reader reader = new Reader();
		Group group = reader.group(root, "", 1);
		if (!reader.problems.isEmpty()) {
			throw new ValidationException(reader.problems);
		}
		return group;
	}

	private static final class Reader {

		final List<FieldProblem> problems = new ArrayList<>();

		int conditions;

		Group group(JsonNode node, String prefix, int depth) {
			Match match = Match.ALL;
			JsonNode matchNode = node.get("match");
			if (matchNode != null && !matchNode.isNull()) {
				String text = matchNode.isString() ? matchNode.stringValue().strip().toUpperCase(Locale.ROOT) : "";
				if (text.equals("ALL") || text.equals("ANY")) {
					match = Match.valueOf(text);
				}
				else {
					problem(prefix + "match", "segments.error.match", matchNode.asString());
				}
			}
			List<Node> nodes = new ArrayList<>();
			JsonNode list = node.get("conditions");
			if (list == null || list.isNull()) {
				problem(prefix + "conditions", "segments.error.conditions.missing");
			}
			else if (!list.isArray()) {
				problem(prefix + "conditions", "segments.error.conditions.notList");
			}
			else if (list.isEmpty()) {
				problem(prefix + "conditions", "segments.error.conditions.missing");
			}
			else {
				for (int i = 0; i < list.size(); i++) {
					String path = prefix + "conditions[" + i + "]";
					Node read = node(list.get(i), path, depth);
					if (read != null) {
						nodes.add(read);
					}
				}
			}
			return new Group(match, nodes);
		}

		Node node(JsonNode node, String path, int depth) {
			if (!node.isObject()) {
				problem(path, "segments.error.condition.notObject");
				return null;
			}
			if (node.has("group")) {
				for (String key : node.propertyNames()) {
					if (!key.equals("group")) {
						problem(path + "." + key, "segments.error.property.unknown", key);
					}
				}
				JsonNode group = node.get("group");
				if (!group.isObject()) {
					problem(path + ".group", "segments.error.group.notObject");
					return null;
				}
				if (depth >= MAX_DEPTH) {
					problem(path + ".group", "segments.error.group.tooDeep", MAX_DEPTH);
					return null;
				}
				return group(group, path + ".group.", depth + 1);
			}
			return condition(node, path);
		}

		Condition condition(JsonNode node, String path) {
			if (++this.conditions == MAX_CONDITIONS + 1) {
				problem(path, "segments.error.conditions.tooMany", MAX_CONDITIONS);
			}
			for (String key : node.propertyNames()) {
				if (!CONDITION_KEYS.contains(key)) {
					problem(path + "." + key, "segments.error.property.unknown", key);
				}
			}
			JsonNode fieldNode = node.get("field");
			if (fieldNode == null || fieldNode.isNull()
					|| (fieldNode.isString() && fieldNode.stringValue().isBlank())) {
				problem(path + ".field", "segments.error.field.missing");
				return null;
			}
			Field field = fieldNode.isString() ? Field.byApiName(fieldNode.stringValue().strip()).orElse(null) : null;
			if (field == null) {
				problem(path + ".field", "segments.error.field.unknown", fieldNode.asString(), Field.apiNames());
				return null;
			}
			String ops = field.getOps().stream().map(Op::getApiName).collect(Collectors.joining(", "));
			JsonNode opNode = node.get("op");
			if (opNode == null || opNode.isNull() || (opNode.isString() && opNode.stringValue().isBlank())) {
				problem(path + ".op", "segments.error.op.missing", field.getApiName(), ops);
				return null;
			}
			Op op = opNode.isString() ? Op.byApiName(opNode.stringValue().strip()).orElse(null) : null;
			if (op == null) {
				problem(path + ".op", "segments.error.op.unknown", opNode.asString(), field.getApiName(), ops);
				return null;
			}
			if (!field.getKind().ops().contains(op)) {
				problem(path + ".op", "segments.error.op.notForField", op.getApiName(), field.getApiName(), ops);
				return null;
			}
			Integer days = days(node.get("days"), field, path + ".days");
			int before = this.problems.size();
			List<Object> values = values(node.get("value"), field, op, path + ".value");
			if (this.problems.size() > before || (field.getDays() == Field.Days.REQUIRED && days == null)) {
				return null;
			}
			return new Condition(path, field, op, values, days);
		}

		Integer days(JsonNode node, Field field, String path) {
			boolean given = node != null && !node.isNull();
			if (field.getDays() == Field.Days.NONE) {
				if (given) {
					problem(path, "segments.error.days.notApplicable", field.getApiName());
				}
				return null;
			}
			if (!given) {
				if (field.getDays() == Field.Days.REQUIRED) {
					problem(path, "segments.error.days.missing", field.getApiName());
				}
				return null;
			}
			if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1
					|| node.intValue() > Field.MAX_DAYS) {
				problem(path, "segments.error.days.range", node.asString(), Field.MAX_DAYS);
				return null;
			}
			return node.intValue();
		}

		List<Object> values(JsonNode node, Field field, Op op, String path) {
			if (node == null || node.isNull()) {
				problem(path, "segments.error.value.missing", op.getApiName());
				return List.of();
			}
			if (!op.isList()) {
				if (node.isArray()) {
					problem(path, "segments.error.value.notSingle", op.getApiName());
					return List.of();
				}
				Object value = value(node, field, path);
				return (value != null) ? List.of(value) : List.of();
			}
			if (!node.isArray()) {
				problem(path, (op == Op.BETWEEN) ? "segments.error.value.between" : "segments.error.value.notList",
						op.getApiName());
				return List.of();
			}
			if (op == Op.BETWEEN && node.size() != 2) {
				problem(path, "segments.error.value.between", op.getApiName());
				return List.of();
			}
			if (node.isEmpty()) {
				problem(path, "segments.error.value.notList", op.getApiName());
				return List.of();
			}
			if (node.size() > MAX_VALUES) {
				problem(path, "segments.error.value.tooMany", MAX_VALUES);
				return List.of();
			}
			java.util.Collection<Object> values = (op == Op.BETWEEN) ? new ArrayList<>() : new LinkedHashSet<>();
			int before = this.problems.size();
			for (int i = 0; i < node.size(); i++) {
				Object value = value(node.get(i), field, path + "[" + i + "]");
				if (value != null) {
					values.add(value);
				}
			}
			if (this.problems.size() > before) {
				return List.of();
			}
			List<Object> list = new ArrayList<>(values);
			if (op == Op.BETWEEN) {
				if (compare(list.get(0), list.get(1)) > 0) {
					problem(path, "segments.error.value.between", op.getApiName());
					return List.of();
				}
			}
			return list;
		}

		@SuppressWarnings("unchecked")
		private static int compare(Object a, Object b) {
			return ((Comparable<Object>) a).compareTo(b);
		}

		Object value(JsonNode node, Field field, String path) {
			switch (field.getKind()) {
				case TEXT, KEYWORD, TAG, CATEGORY -> {
					String text = text(node, path);
					if (text == null) {
						return null;
					}
					if (field.getKind() == Field.Kind.KEYWORD) {
						return text.toLowerCase(Locale.ROOT);
					}
					if (field.getKind() == Field.Kind.CATEGORY) {
						String key = Field.categoryKey(text);
						if (key.isEmpty() || key.startsWith(">") || key.endsWith(">")) {
							problem(path, "segments.error.value.empty");
							return null;
						}
						return String.join(" > ", java.util.Arrays.stream(text.split(">")).map(String::strip).toList());
					}
					return text;
				}
				case CHOICE, CONSENT -> {
					String text = text(node, path);
					if (text == null) {
						return null;
					}
					var choice = field.choice(text);
					if (choice.isEmpty()) {
						problem(path, "segments.error.value.unknown", text, field.getApiName(),
								field.getChoices().stream().map(Field.Choice::api).collect(Collectors.joining(", ")));
						return null;
					}
					return choice.get().api();
				}
				case DATE -> {
					String text = node.isString() ? node.stringValue().strip() : null;
					try {
						return (text != null) ? LocalDate.parse(text)
								: fail(path, "segments.error.value.notDate", node);
					}
					catch (DateTimeParseException ex) {
						return fail(path, "segments.error.value.notDate", node);
					}
				}
				case INTEGER, CODE -> {
					if (!node.isIntegralNumber() || !node.canConvertToLong()) {
						return fail(path, "segments.error.value.notInteger", node);
					}
					if (node.longValue() < 0 || node.longValue() > Integer.MAX_VALUE) {
						return fail(path, "segments.error.value.negative", node);
					}
					return node.longValue();
				}
				case MONEY -> {
					if (!node.isNumber()) {
						return fail(path, "segments.error.value.notNumber", node);
					}
					BigDecimal amount = new BigDecimal(node.asString());
					if (amount.signum() < 0 || amount.precision() - amount.scale() > 12) {
						return fail(path, "segments.error.value.negative", node);
					}
					return amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
				}
				default -> throw new IllegalStateException(field.getKind().name());
			}
		}

		private Object fail(String path, String key, JsonNode node) {
			problem(path, key, node.isString() ? node.stringValue() : node.toString());
			return null;
		}

		private String text(JsonNode node, String path) {
			if (!node.isString()) {
				problem(path, "segments.error.value.notText", node.toString());
				return null;
			}
			String text = node.stringValue().strip();
			if (text.isEmpty()) {
				problem(path, "segments.error.value.empty");
				return null;
			}
			if (text.length() > MAX_TEXT) {
				problem(path, "segments.error.value.tooLong", MAX_TEXT);
				return null;
			}
			return text;
		}

		void problem(String field, String key, Object... args) {
			this.problems.add(new FieldProblem(field, key, args));
		}

	}

	/** The canonical JSON of a definition, as stored and as the API answers. */
	static ObjectNode toJson(Group group) {
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		json.put("match", group.match().name());
		ArrayNode conditions = json.putArray("conditions");
		for (Node node : group.conditions()) {
			if (node instanceof Group inner) {
				ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
				wrapper.set("group", toJson(inner));
				conditions.add(wrapper);
			}
			else if (node instanceof Condition condition) {
				ObjectNode c = conditions.addObject();
				c.put("field", condition.field().getApiName());
				if (condition.days() != null) {
					c.put("days", condition.days());
				}
				c.put("op", condition.op().getApiName());
				if (condition.op().isList()) {
					ArrayNode values = c.putArray("value");
					condition.values().forEach((v) -> values.add(json(v)));
				}
				else {
					c.set("value", json(condition.value()));
				}
			}
		}
		return json;
	}

	private static JsonNode json(Object value) {
		JsonNodeFactory f = JsonNodeFactory.instance;
		if (value instanceof BigDecimal amount) {
			return f.numberNode(amount);
		}
		if (value instanceof Long number) {
			return f.numberNode(number);
		}
		return f.stringNode(value.toString());
	}

}
