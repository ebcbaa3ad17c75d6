package io.loopcrm.segmentation.segments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.segments.SegmentDefinition.Condition;
import io.loopcrm.segmentation.segments.SegmentDefinition.Group;
import io.loopcrm.segmentation.segments.SegmentDefinition.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.MultiValueMap;

/**
 * The builder's form: the condition tree as request parameters, and back. Every row has
 * an id that is its position ({@code r} the top group, {@code r-1} its second row,
 * {@code r-1-0} the first row of that group), and its inputs are named after it:
 * {@code field.r-1}, {@code op.r-1}, {@code value.r-1} (repeated for lists),
 * {@code days.r-1}, {@code match.r-1} for groups; {@code node} lists every row's id in
 * order, {@code kind.<id>} says whether it is a group. The buttons send
 * {@code action=add.<group>}, {@code group.<group>} or {@code remove.<row>}. The tree
 * becomes the API's JSON and is read by {@link SegmentDefinitions}, so the page and the
 * API check conditions the same way; rows without a field are left out.
 */
public final class SegmentForm {

	static final String ROOT = "r";

	private static final Pattern LIST_SEPARATORS = Pattern.compile("[,，、;；\\n]");

	String name = "";

	Long version;

	final Row root = Row.group(ROOT);

	/** Problems that belong to no row (the name). */
	final Map<String, List<String>> errors = new LinkedHashMap<>();

	/** One row: a field condition or a group. */
	public static final class Row {

		String id;

		final boolean group;

		// condition
		Field field;

		Op op;

		List<String> values = new ArrayList<>();

		String days = "";

		// group
		SegmentDefinition.Match match = SegmentDefinition.Match.ALL;

		final List<Row> children = new ArrayList<>();

		/** Where the row's JSON stands, e.g. {@code conditions[1].} (for errors). */
		String apiPrefix;

		/** Messages by what they are about: field, op, value, days, match, conditions. */
		final Map<String, List<String>> errors = new LinkedHashMap<>();

		private Row(String id, boolean group) {
			this.id = id;
			this.group = group;
		}

		static Row group(String id) {
			return new Row(id, true);
		}

		static Row condition(String id) {
			return new Row(id, false);
		}

		public String getId() {
			return this.id;
		}

		public boolean isGroup() {
			return this.group;
		}

		public boolean isRoot() {
			return ROOT.equals(this.id);
		}

		public Field getField() {
			return this.field;
		}

		public Op getOp() {
			return this.op;
		}

		public List<String> getValues() {
			return this.values;
		}

		public String getDays() {
			return this.days;
		}

		public String getMatch() {
			return this.match.name();
		}

		public List<Row> getChildren() {
			return this.children;
		}

		public Map<String, List<String>> getErrors() {
			return this.errors;
		}

		public List<String> errors(String aspect) {
			return this.errors.getOrDefault(aspect, List.of());
		}

		public String getFirst() {
			return this.values.isEmpty() ? "" : this.values.get(0);
		}

		public String getSecond() {
			return (this.values.size() < 2) ? "" : this.values.get(1);
		}

		/** The values of a list typed into one text box. */
		public String getValueText() {
			return String.join(", ", this.values);
		}

		public boolean isSelected(String value) {
			return this.values.contains(value);
		}

		/** How the value is entered: select, multiSelect, text, list, number, date. */
		public String getInput() {
			if (this.field == null || this.op == null) {
				return "none";
			}
			Field.Kind kind = this.field.getKind();
			boolean choice = kind == Field.Kind.CHOICE || kind == Field.Kind.CONSENT || kind == Field.Kind.CATEGORY;
			if (choice) {
				return this.op.isList() ? "multiSelect" : "select";
			}
			return switch (kind) {
				case DATE -> "date";
				case INTEGER, MONEY -> "number";
				case CODE -> this.op.isList() ? "list" : "number";
				default -> this.op.isList() ? "list" : "text";
			};
		}

		public boolean isBetween() {
			return this.op == Op.BETWEEN;
		}

		/** 1 for the top group, 2 for a row in it, and so on. */
		public int getDepth() {
			return this.id.split("-").length;
		}

		public boolean isDaysShown() {
			return this.field != null && this.field.getDays() != Field.Days.NONE;
		}

	}

	/** Reads the form, applies the button's action and renumbers the rows. */
	static SegmentForm read(MultiValueMap<String, String> params) {
		SegmentForm form = new SegmentForm();
		form.name = first(params, "name");
		String version = first(params, "version");
		form.version = version.matches("\\d{1,18}") ? Long.valueOf(version) : null;
		form.root.match = match(first(params, "match." + ROOT));
		Map<String, Row> rows = new LinkedHashMap<>();
		rows.put(ROOT, form.root);
		for (String id : params.getOrDefault("node", List.of())) {
			if (!id.matches("r(-\\d{1,3}){1," + SegmentDefinitions.MAX_DEPTH + "}") || rows.containsKey(id)) {
				continue;
			}
			Row parent = rows.get(id.substring(0, id.lastIndexOf('-')));
			if (parent == null || !parent.group) {
				continue;
			}
			Row row;
			if ("group".equals(first(params, "kind." + id))) {
				row = Row.group(id);
				row.match = match(first(params, "match." + id));
			}
			else {
				row = Row.condition(id);
				readCondition(row, params);
			}
			parent.children.add(row);
			rows.put(id, row);
		}
		String action = first(params, "action");
		int dot = action.indexOf('.');
		if (dot > 0) {
			Row target = rows.get(action.substring(dot + 1));
			if (target != null) {
				switch (action.substring(0, dot)) {
					case "add" -> {
						if (target.group) {
							target.children.add(Row.condition("new"));
						}
					}
					case "group" -> {
						if (target.group && depth(target.id) < SegmentDefinitions.MAX_DEPTH) {
							Row group = Row.group("new");
							group.match = SegmentDefinition.Match.ANY;
							group.children.add(Row.condition("new"));
							target.children.add(group);
						}
					}
					case "remove" -> rows.values().forEach((r) -> r.children.remove(target));
					default -> {
					}
				}
			}
		}
		form.renumber(form.root, ROOT);
		return form;
	}

	private static void readCondition(Row row, MultiValueMap<String, String> params) {
		String id = row.id;
		row.field = Field.byApiName(first(params, "field." + id)).orElse(null);
		Field previous = Field.byApiName(first(params, "prev." + id)).orElse(null);
		if (row.field == null) {
			return;
		}
		if (row.field != previous) {
			// a new field: its first operator, no values, the usual days
			row.op = row.field.getOps().get(0);
			row.days = (row.field.getDays() == Field.Days.REQUIRED) ? "90" : "";
			return;
		}
		row.op = Op.byApiName(first(params, "op." + id))
			.filter(row.field.getOps()::contains)
			.orElse(row.field.getOps().get(0));
		row.days = first(params, "days." + id);
		List<String> values = new ArrayList<>();
		for (String value : params.getOrDefault("value." + id, List.of())) {
			String input = row.getInput();
			if (input.equals("list")) {
				for (String part : LIST_SEPARATORS.split(value)) {
					if (!part.isBlank()) {
						values.add(part.strip());
					}
				}
			}
			else if (value != null && !(value.isBlank() && !row.isBetween())) {
				values.add(value.strip());
			}
		}
		row.values = values;
	}

	/** A form showing a saved definition. */
	static SegmentForm of(String name, Long version, Group definition) {
		SegmentForm form = new SegmentForm();
		form.name = name;
		form.version = version;
		fill(form.root, definition);
		form.renumber(form.root, ROOT);
		return form;
	}

	/** An empty form with one blank condition. */
	static SegmentForm blank() {
		SegmentForm form = new SegmentForm();
		form.root.children.add(Row.condition("new"));
		form.renumber(form.root, ROOT);
		return form;
	}

	private static void fill(Row group, Group definition) {
		group.match = definition.match();
		for (Node node : definition.conditions()) {
			if (node instanceof Group inner) {
				Row row = Row.group("new");
				fill(row, inner);
				group.children.add(row);
			}
			else if (node instanceof Condition c) {
				Row row = Row.condition("new");
				row.field = c.field();
				row.op = c.op();
				row.values = new ArrayList<>(c.values().stream().map(SegmentForm::text).toList());
				row.days = (c.days() != null) ? String.valueOf(c.days()) : "";
				group.children.add(row);
			}
		}
	}

	private static String text(Object value) {
		return (value instanceof BigDecimal amount) ? amount.toPlainString() : String.valueOf(value);
	}

	private void renumber(Row row, String id) {
		row.id = id;
		for (int i = 0; i < row.children.size(); i++) {
			renumber(row.children.get(i), id + "-" + i);
		}
	}

	/** Whether any row has a field chosen. */
	boolean hasConditions() {
		return hasConditions(this.root);
	}

	private static boolean hasConditions(Row row) {
		return row.children.stream().anyMatch((r) -> r.group ? hasConditions(r) : r.field != null);
	}

	/**
	 * The definition's JSON as the API takes it; every row learns where it stands, so
	 * problems can be shown beside it.
	 * @param skipEmptyGroups leave out groups without any field chosen yet (while the
	 * builder counts; saving names them)
	 */
	JsonNode toJson(boolean skipEmptyGroups) {
		return group(this.root, "", skipEmptyGroups);
	}

	private ObjectNode group(Row group, String prefix, boolean skipEmptyGroups) {
		group.apiPrefix = prefix;
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		json.put("match", group.match.name());
		ArrayNode conditions = json.putArray("conditions");
		for (Row row : group.children) {
			String path = prefix + "conditions[" + conditions.size() + "]";
			if (row.group) {
				if (!skipEmptyGroups || hasConditions(row)) {
					ObjectNode inner = group(row, path + ".group.", skipEmptyGroups);
					conditions.addObject().set("group", inner);
				}
			}
			else if (row.field != null) {
				row.apiPrefix = path + ".";
				conditions.add(condition(row));
			}
		}
		return json;
	}

	private static ObjectNode condition(Row row) {
		JsonNodeFactory f = JsonNodeFactory.instance;
		ObjectNode json = f.objectNode();
		json.put("field", row.field.getApiName());
		json.put("op", row.op.getApiName());
		if (!row.days.isBlank() && row.field.getDays() != Field.Days.NONE) {
			json.set("days", row.days.strip().matches("\\d{1,9}") ? f.numberNode(Long.valueOf(row.days.strip()))
					: f.stringNode(row.days));
		}
		boolean number = switch (row.field.getKind()) {
			case INTEGER, MONEY, CODE -> true;
			default -> false;
		};
		if (row.op.isList()) {
			// a "between" with an empty side is still being filled in: no value yet
			if (!row.values.isEmpty() && row.values.stream().noneMatch(String::isBlank)) {
				ArrayNode values = json.putArray("value");
				row.values.forEach((v) -> values.add(value(v, number)));
			}
		}
		else if (!row.values.isEmpty() && !row.values.get(0).isBlank()) {
			json.set("value", value(row.values.get(0), number));
		}
		return json;
	}

	/** A number when it reads as one (else the text, which the check then names). */
	private static JsonNode value(String text, boolean number) {
		JsonNodeFactory f = JsonNodeFactory.instance;
		if (number) {
			try {
				BigDecimal value = new BigDecimal(text.strip());
				return (value.scale() <= 0 && value.precision() - value.scale() < 18)
						? f.numberNode(value.longValueExact()) : f.numberNode(value);
			}
			catch (NumberFormatException | ArithmeticException ex) {
				return f.stringNode(text);
			}
		}
		return f.stringNode(text);
	}

	/**
	 * Puts each problem beside its row (the row whose JSON path is the longest prefix of
	 * the problem's), or with the form when it is about the name.
	 * @param showMissing whether to show "missing value" problems (not while a row is
	 * still being filled in)
	 */
	void place(List<FieldProblem> problems, java.util.function.Function<FieldProblem, String> message,
			boolean showMissing) {
		List<Row> rows = new ArrayList<>();
		collect(this.root, rows);
		rows.sort(Comparator.comparingInt((Row r) -> (r.apiPrefix != null) ? r.apiPrefix.length() : -1).reversed());
		for (FieldProblem problem : problems) {
			if (!showMissing && problem.messageKey().endsWith(".missing") && !problem.field().equals("name")) {
				continue;
			}
			String field = problem.field();
			Row target = null;
			for (Row row : rows) {
				if (row.apiPrefix != null && (field + ".").startsWith(row.apiPrefix)
						&& (!row.apiPrefix.isEmpty() || field.startsWith("conditions") || field.startsWith("match"))) {
					target = row;
					break;
				}
			}
			if (target == null) {
				this.errors.computeIfAbsent(field, (k) -> new ArrayList<>()).add(message.apply(problem));
				continue;
			}
			String rest = field.substring(Math.min(field.length(), target.apiPrefix.length()));
			String aspect = rest.isEmpty() ? "row" : rest.split("[.\\[]")[0];
			target.errors.computeIfAbsent(aspect, (k) -> new ArrayList<>()).add(message.apply(problem));
		}
	}

	private static void collect(Row row, List<Row> rows) {
		rows.add(row);
		row.children.forEach((child) -> collect(child, rows));
	}

	public String getName() {
		return this.name;
	}

	public Long getVersion() {
		return this.version;
	}

	public Row getRoot() {
		return this.root;
	}

	public Map<String, List<String>> getErrors() {
		return this.errors;
	}

	private static int depth(String id) {
		return id.split("-").length;
	}

	private static SegmentDefinition.Match match(String value) {
		return "ANY".equalsIgnoreCase(value) ? SegmentDefinition.Match.ANY : SegmentDefinition.Match.ALL;
	}

	private static String first(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		return (value != null) ? value : "";
	}

}
