package io.loopcrm.commerce.internal;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/analytics/association-rules?level=product|category&minSupport=&minConfidence=&maxLength=&maxConsequent=&limit=}
 * (MANAGER): {@code {"transactions": N, "rules": [...], "count": total}}, rules best lift
 * first, at most {@code limit} (default 1000, at most 10000) listed while {@code count}
 * is all of them. Invalid parameters are a 400 problem with field errors.
 */
@RestController
class AssociationRuleApiController {

	private final AssociationRuleService service;

	AssociationRuleApiController(AssociationRuleService service) {
		this.service = service;
	}

	@GetMapping("/api/v1/analytics/association-rules")
	Response rules(@RequestParam(required = false) String level, @RequestParam(required = false) String minSupport,
			@RequestParam(required = false) String minConfidence, @RequestParam(required = false) String maxLength,
			@RequestParam(required = false) String maxConsequent, @RequestParam(required = false) String limit) {
		RuleSet set = this.service
			.rules(new RuleQuery(level, minSupport, minConfidence, maxLength, maxConsequent, limit));
		RuleQuery.Parameters p = set.parameters();
		return new Response(set.transactions(), set.rules(), set.count(), p.level(), p.minSupport(), p.minConfidence(),
				p.maxLength(), p.maxConsequent(), set.minCount(), p.limit());
	}

	/**
	 * The JSON body: the three fields of the contract first, then the parameters used and
	 * the minimum count of a frequent itemset.
	 */
	record Response(int transactions, List<RuleSet.RuleView> rules, int count, String level, double minSupport,
			double minConfidence, int maxLength, int maxConsequent, int minCount, int limit) {
	}

}
