package io.loopcrm.segmentation.segments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.loopcrm.platform.Formats;
import io.loopcrm.segmentation.segments.SegmentDefinition.Condition;
import io.loopcrm.segmentation.segments.SegmentDefinition.Group;
import io.loopcrm.segmentation.segments.SegmentDefinition.Node;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A definition in words, in the user's language: "Tags include “VIP”". */
@Component
class SegmentWords {

	private final MessageSource messages;

	private final Formats formats;

	SegmentWords(MessageSource messages, Formats formats) {
		this.messages = messages;
		this.formats = formats;
	}

	/**
	 * One line of the description and the lines under it.
	 *
	 * @param text the line
	 * @param children the conditions of a group
	 */
	public record Line(String text, List<Line> children) {
	}

	/** The top group: its heading ("all of these") and its conditions. */
	Line describe(Group definition, Locale locale) {
		return group(definition, locale, true);
	}

	private Line group(Group group, Locale locale, boolean top) {
		List<Line> children = new ArrayList<>();
		for (Node node : group.conditions()) {
			children.add((node instanceof Group inner) ? group(inner, locale, false)
					: new Line(condition((Condition) node, locale), List.of()));
		}
		String key = (top ? "segments.words.top." : "segments.words.group.") + group.match().name();
		return new Line(text(key, locale), children);
	}

	String condition(Condition c, Locale locale) {
		Field field = c.field();
		String label = (c.days() != null) ? text("segments.field." + field.getApiName() + ".days", locale, c.days())
				: text("segments.field." + field.getApiName(), locale);
		String op = text((field.getKind().isSet() ? "segments.op.set." : "segments.op.") + c.op().getApiName(), locale);
		List<String> values = c.values().stream().map((v) -> value(field, v, locale)).toList();
		String value = (c.op() == Op.BETWEEN) ? text("segments.words.between", locale, values.get(0), values.get(1))
				: String.join(text("segments.words.separator", locale), values);
		return text("segments.words.condition", locale, label, op, value);
	}

	private String value(Field field, Object value, Locale locale) {
		return switch (field.getKind()) {
			case CHOICE,
					CONSENT ->
				field.choice((String) value)
					.map((choice) -> text(choice.messageKey(), locale))
					.orElse(String.valueOf(value));
			case MONEY -> this.formats.money((BigDecimal) value);
			case INTEGER, CODE -> this.formats.number((Long) value);
			case DATE -> this.formats.date((LocalDate) value);
			default -> text("segments.words.quoted", locale, value);
		};
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}

}
