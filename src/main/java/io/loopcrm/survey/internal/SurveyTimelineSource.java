package io.loopcrm.survey.internal;

import java.util.ArrayList;
import java.util.List;
import java.time.Instant;

import io.loopcrm.customer.TimelineEntry;
import io.loopcrm.customer.TimelineSource;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Each survey answer on the customer's timeline: the survey, the scores, their words. */
@Component
class SurveyTimelineSource implements TimelineSource {

	private final SurveyPageQueries queries;

	private final MessageSource messages;

	SurveyTimelineSource(SurveyPageQueries queries, MessageSource messages) {
		this.queries = queries;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
		return this.queries.ofCustomer(customerId, before, limit)
			.stream()
			.map((r) -> new TimelineEntry(r.respondedAt(), "survey", "survey.timeline.entry",
					List.of(r.surveyName(), scores(r)), r.verbatim(), "/surveys/" + r.surveyId()))
			.toList();
	}

	private String scores(SurveyPageQueries.CustomerResponse r) {
		List<String> parts = new ArrayList<>();
		if (r.nps() != null) {
			parts.add("NPS " + r.nps());
		}
		if (r.csat() != null) {
			parts.add("CSAT " + r.csat());
		}
		if (r.ces() != null) {
			parts.add("CES " + r.ces());
		}
		return parts.isEmpty()
				? this.messages.getMessage("survey.timeline.noScore", null, LocaleContextHolder.getLocale())
				: String.join(" · ", parts);
	}

}
