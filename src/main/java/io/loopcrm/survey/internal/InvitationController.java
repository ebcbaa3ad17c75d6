package io.loopcrm.survey.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.ValidationException;
import io.loopcrm.segmentation.SegmentAudience;
import io.loopcrm.segmentation.SegmentNotFoundException;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A survey's invitations (MANAGER): counts by status and the response rate, the
 * invitations with links to copy, "send to a segment", and the CSV of links for SMS or
 * WeChat tools.
 */
@Controller
@RequestMapping("/surveys/{id:\\d+}/invitations")
class InvitationController {

	private final Invitations invitations;

	private final InvitationList list;

	private final InvitationLinks links;

	private final SegmentAudience audience;

	private final InvitationProperties properties;

	private final MessageSource messages;

	InvitationController(Invitations invitations, InvitationList list, InvitationLinks links, SegmentAudience audience,
			InvitationProperties properties, MessageSource messages) {
		this.invitations = invitations;
		this.list = list;
		this.links = links;
		this.audience = audience;
		this.properties = properties;
		this.messages = messages;
	}

	@GetMapping
	String list(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String ref, @RequestParam(defaultValue = "0") int page, Model model) {
		return page(id, InvitationList.Filter.of(status, ref), Math.max(0, page), model);
	}

	private String page(long id, InvitationList.Filter filter, int page, Model model) {
		Invitations.SurveyRef survey = this.invitations.requireSurvey(id);
		model.addAttribute("survey", survey);
		model.addAttribute("counts", this.list.counts(id));
		model.addAttribute("filter", filter);
		model.addAttribute("statuses", Invitation.Status.values());
		model.addAttribute("result", this.list.page(id, filter, page, this.properties.pageSize()));
		model.addAttribute("segments", this.audience.segments());
		model.addAttribute("channels", Invitations.CHANNELS);
		if (!model.containsAttribute("sendChannel")) {
			model.addAttribute("sendChannel", this.properties.channel());
		}
		if (!model.containsAttribute("sendErrors")) {
			model.addAttribute("sendErrors", Map.of());
		}
		return "survey/invitations";
	}

	@PostMapping("/send")
	String send(@PathVariable long id, @RequestParam(required = false) Long segmentId,
			@RequestParam(required = false) String channel, Model model, RedirectAttributes redirect, Locale locale) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (segmentId == null) {
			errors.put("segmentId", this.messages.getMessage("survey.invitations.segmentRequired", null, locale));
		}
		else {
			try {
				Invitations.Sent sent = this.invitations.sendToSegment(id, segmentId, channel);
				redirect.addFlashAttribute("flash", "survey.invitations.flash.sent");
				redirect.addFlashAttribute("flashArg", String.valueOf(sent.created()));
				redirect.addFlashAttribute("sentRef", sent.triggerRef());
				return "redirect:/surveys/" + id + "/invitations?ref="
						+ java.net.URLEncoder.encode(sent.triggerRef(), StandardCharsets.UTF_8);
			}
			catch (SegmentNotFoundException ex) {
				errors.put("segmentId", ex.localizedMessage(this.messages, locale));
			}
			catch (ValidationException ex) {
				ex.problems()
					.forEach((p) -> errors.put(p.field(),
							this.messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
			}
		}
		model.addAttribute("sendErrors", errors);
		model.addAttribute("sendSegmentId", segmentId);
		model.addAttribute("sendChannel", channel);
		return page(id, InvitationList.Filter.of(null, null), 0, model);
	}

	@GetMapping("/export")
	ResponseEntity<StreamingResponseBody> export(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String ref) {
		this.invitations.requireSurvey(id);
		InvitationList.Filter filter = InvitationList.Filter.of(status, ref);
		this.list.recordExport(id, filter);
		String base = this.links.base();
		StreamingResponseBody body = (out) -> this.list.export(id, filter, base, out);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("survey-" + id + "-invitations.csv", StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.body(body);
	}

}
