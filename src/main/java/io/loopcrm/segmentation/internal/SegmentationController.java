package io.loopcrm.segmentation.internal;

import java.time.Clock;
import java.time.LocalDate;

import io.loopcrm.platform.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The segmentation page: the latest run's counts, the definitions and "recompute now".
 */
@Controller
@RequestMapping("/segmentation")
class SegmentationController {

	private final Segmentation segmentation;

	private final RecomputeJobs jobs;

	private final Clock clock;

	SegmentationController(Segmentation segmentation, RecomputeJobs jobs, Clock clock) {
		this.segmentation = segmentation;
		this.jobs = jobs;
		this.clock = clock;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("summary", this.segmentation.latestSummary().orElse(null));
		model.addAttribute("settings", this.segmentation.settings());
		model.addAttribute("segments", RfmSegment.values());
		model.addAttribute("transitions", this.segmentation.transitions());
		java.util.List<RfmSegment> withNone = new java.util.ArrayList<>(java.util.Arrays.asList(RfmSegment.values()));
		withNone.add(null);
		model.addAttribute("segmentsOrNone", withNone);
		this.jobs.current()
			.map(RecomputeJobs.Job::snapshot)
			.filter((job) -> !job.isFinished())
			.ifPresent((job) -> model.addAttribute("job", job));
		return "segmentation/page";
	}

	/** Starts a recompute in the background; the page then shows its progress. */
	@PostMapping("/recompute")
	String recompute() {
		this.jobs.start(LocalDate.now(this.clock));
		return "redirect:/segmentation";
	}

	/**
	 * The progress bar of the running (or just finished) recompute, polled by the page.
	 */
	@GetMapping("/recompute/progress")
	String progress(Model model) {
		// one snapshot: the job may finish while the fragment is rendered
		model.addAttribute("job",
				this.jobs.current().orElseThrow(() -> new NotFoundException("segmentation.noJob")).snapshot());
		return "segmentation/page :: recomputeProgress";
	}

}
