package io.loopcrm.feedback.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Agent and team performance for managers; the period is in the URL. */
@Controller
@RequestMapping("/tickets/performance")
class PerformanceController {

	private final AgentPerformance performance;

	private final Clock clock;

	PerformanceController(AgentPerformance performance, Clock clock) {
		this.performance = performance;
		this.clock = clock;
	}

	@GetMapping
	String show(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			Model model) {
		LocalDate end = (to != null) ? to : LocalDate.now(this.clock);
		LocalDate start = (from != null && !from.isAfter(end)) ? from : end.minusDays(89);
		model.addAttribute("report", this.performance.report(start, end));
		return "feedback/performance";
	}

}
