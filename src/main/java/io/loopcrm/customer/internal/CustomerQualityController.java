package io.loopcrm.customer.internal;

import java.util.List;
import java.util.Map;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.ValidationException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Data quality: the checks page with a review list per check (everybody), the ranked
 * possible duplicates and the merge of two files (managers).
 */
@Controller
class CustomerQualityController {

	private final CustomerQuality quality;

	private final CustomerDuplicates duplicates;

	private final CustomerMerger merger;

	private final CustomerService customers;

	CustomerQualityController(CustomerQuality quality, CustomerDuplicates duplicates, CustomerMerger merger,
			CustomerService customers) {
		this.quality = quality;
		this.duplicates = duplicates;
		this.merger = merger;
		this.customers = customers;
	}

	@GetMapping("/customers/quality")
	String quality(@RequestParam(defaultValue = "12") int months, @RequestParam(required = false) String check,
			@RequestParam(defaultValue = "0") int page, Model model) {
		int staleMonths = Math.max(1, Math.min(months, 120));
		model.addAttribute("months", staleMonths);
		model.addAttribute("counts", this.quality.counts(staleMonths));
		model.addAttribute("checks", CustomerQuality.CHECKS.keySet());
		if (check != null && CustomerQuality.CHECKS.containsKey(check)) {
			List<Map<String, Object>> rows = this.quality.list(check, staleMonths, page);
			model.addAttribute("check", check);
			model.addAttribute("rows", rows.subList(0, Math.min(rows.size(), CustomerQuality.PAGE)));
			model.addAttribute("hasNext", rows.size() > CustomerQuality.PAGE);
			model.addAttribute("page", Math.max(page, 0));
		}
		return "customer/quality";
	}

	@GetMapping("/customers/duplicates")
	String duplicates(@RequestParam(defaultValue = "0") int page, Model model) {
		List<CustomerDuplicates.Pair> pairs = this.duplicates.page(page);
		model.addAttribute("pairs", pairs.subList(0, Math.min(pairs.size(), CustomerDuplicates.PAGE)));
		model.addAttribute("hasNext", pairs.size() > CustomerDuplicates.PAGE);
		model.addAttribute("page", Math.max(page, 0));
		return "customer/duplicates";
	}

	@GetMapping("/customers/merge")
	String showMerge(@RequestParam long a, @RequestParam long b, Model model) {
		model.addAttribute("a", this.customers.get(a));
		model.addAttribute("b", this.customers.get(b));
		model.addAttribute("fields", CustomerMerger.CHOSEN);
		return "customer/merge";
	}

	@PostMapping("/customers/merge")
	String merge(@RequestParam long a, @RequestParam long b, @RequestParam long versionA, @RequestParam long versionB,
			@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
		Map<String, String> picks = new java.util.HashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith("pick.")) {
				picks.put(key.substring(5), value);
			}
		});
		try {
			this.merger.merge(a, b, versionA, versionB, picks);
		}
		catch (ValidationException | ConflictException ex) {
			model.addAttribute("a", this.customers.get(a));
			model.addAttribute("b", this.customers.get(b));
			model.addAttribute("fields", CustomerMerger.CHOSEN);
			model.addAttribute("error", (ex instanceof ValidationException v) ? v.problems().get(0).messageKey()
					: "customer.merge.changed");
			return "customer/merge";
		}
		redirect.addFlashAttribute("flash", "customer.merge.done");
		redirect.addFlashAttribute("flashArg", "#" + b);
		return "redirect:/customers/" + a;
	}

}
