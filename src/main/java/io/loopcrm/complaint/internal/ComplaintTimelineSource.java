package io.loopcrm.complaint.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.loopcrm.customer.TimelineEntry;
import io.loopcrm.customer.TimelineSource;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's complaint cases on their timeline, one entry per case when registered. */
@Component
class ComplaintTimelineSource implements TimelineSource {

	private final JdbcClient jdbc;

	private final MessageSource messages;

	ComplaintTimelineSource(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
		return this.jdbc.sql("""
				select id, registered_at, about_type, about_reference, severity, status, description
				from complaint_case where customer_id = ? and registered_at < ?
				order by registered_at desc, id desc limit ?
				""").params(customerId, Timestamp.from(before), limit).query((rs, n) -> {
			String reference = rs.getString(4);
			String about = text("complaint.about." + rs.getString(3)) + ((reference != null) ? " " + reference : "");
			return new TimelineEntry(rs.getTimestamp(2).toInstant(), "complaint", "complaint.timeline.entry",
					List.of(String.valueOf(rs.getLong(1)), about, text("complaint.severity." + rs.getString(5)),
							text("complaint.status." + rs.getString(6))),
					rs.getString(7), "/complaints/" + rs.getLong(1));
		}).list();
	}

	private String text(String key) {
		return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

}
