package io.loopcrm.segmentation.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The segmentation page: the latest run's counts, the definitions and "recompute now".
 */
@Controller
@RequestMapping("/segmentation")
class SegmentationController {

	private final Segmentation segmentation;

	private final Clock clock;

	SegmentationController(Segmentation segmentation, Clock clock) {
		this.segmentation = segmentation;
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
		return "segmentation/page";
	}

	@PostMapping("/recompute")
	String recompute(RedirectAttributes redirect) {
		Segmentation.Summary summary = this.segmentation.recompute(LocalDate.now(this.clock));
		redirect.addFlashAttribute("flash", "segmentation.recomputed");
		redirect.addFlashAttribute("flashArg", String.valueOf(summary.run().customers()));
		return "redirect:/segmentation";
	}

}
