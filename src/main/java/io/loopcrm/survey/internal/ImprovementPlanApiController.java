package io.loopcrm.survey.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.loopcrm.platform.ValidationException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/improvement-plans[?status=]} lists plans, {@code POST} writes one
 * down (201 with its location), {@code GET /{id}} reads one with its actions and history,
 * {@code PUT /{id}} changes it (with the {@code version} read; a stale one is a 409
 * naming who changed it and when; {@code actions} replace the plan's actions when given),
 * {@code GET /{id}/effect[?days=]} compares its metric before and after its start.
 * Invalid input is a 400 problem naming each field ({@code actions[0].dueDate}).
 */
@RestController
@RequestMapping("/api/v1/improvement-plans")
class ImprovementPlanApiController {

	private final ImprovementPlans plans;

	private final PlanEffects effects;

	ImprovementPlanApiController(ImprovementPlans plans, PlanEffects effects) {
		this.plans = plans;
		this.effects = effects;
	}

	/** A plan (its fields at the top level) with its history. */
	record PlanJson(@JsonUnwrapped ImprovementPlan plan, List<ImprovementPlans.PlanEvent> history) {
	}

	/** A plan's effect with the plan it belongs to. */
	record EffectJson(long planId, PlanEffect effect, Double change) {
	}

	@GetMapping
	List<PlanSummary> list(@RequestParam(required = false) String status) {
		return this.plans.list(status(status));
	}

	@PostMapping
	ResponseEntity<ImprovementPlan> create(@RequestBody ImprovementPlans.PlanInput input) {
		long id = this.plans.create(input);
		return ResponseEntity.created(URI.create("/api/v1/improvement-plans/" + id)).body(this.plans.get(id));
	}

	@GetMapping("/{id}")
	PlanJson get(@PathVariable long id) {
		return new PlanJson(this.plans.get(id), this.plans.history(id));
	}

	@PutMapping("/{id}")
	ImprovementPlan update(@PathVariable long id, @RequestBody ImprovementPlans.PlanInput input) {
		this.plans.update(id, input);
		return this.plans.get(id);
	}

	@GetMapping("/{id}/effect")
	EffectJson effect(@PathVariable long id, @RequestParam(required = false) Integer days) {
		PlanEffect effect = this.effects.evaluate(this.plans.get(id), days);
		return new EffectJson(id, effect, effect.change());
	}

	private static PlanStatus status(String text) {
		String value = ImprovementPlans.trim(text);
		if (value == null) {
			return null;
		}
		try {
			return PlanStatus.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ValidationException.of("status", "survey.plan.status.unknown", value);
		}
	}

}
