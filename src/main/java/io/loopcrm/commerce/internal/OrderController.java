package io.loopcrm.commerce.internal;

import io.loopcrm.platform.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One order with its lines, opened from the customer's timeline. */
@Controller
class OrderController {

	private final Orders orders;

	OrderController(Orders orders) {
		this.orders = orders;
	}

	@GetMapping("/transactions/orders/{id}")
	String order(@PathVariable long id, Model model) {
		model.addAttribute("order",
				this.orders.byId(id).orElseThrow(() -> new NotFoundException("commerce.order.notFound", "#" + id)));
		return "commerce/order";
	}

}
