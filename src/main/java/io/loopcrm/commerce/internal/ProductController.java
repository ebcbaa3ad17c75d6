package io.loopcrm.commerce.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.ValidationException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The product catalogue: everybody may look, managers edit names, categories and list
 * prices.
 */
@Controller
@RequestMapping("/transactions/products")
class ProductController {

	private final Products products;

	ProductController(Products products) {
		this.products = products;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long category,
			@RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(0, page);
		List<Products.Product> found = this.products.search(q, category, current);
		boolean hasNext = found.size() > Products.PAGE;
		model.addAttribute("products", hasNext ? found.subList(0, Products.PAGE) : found);
		model.addAttribute("categories", this.products.categories());
		model.addAttribute("q", q);
		model.addAttribute("category", category);
		model.addAttribute("page", current);
		model.addAttribute("hasNext", hasNext);
		String base = "/transactions/products?q="
				+ java.net.URLEncoder.encode((q != null) ? q : "", java.nio.charset.StandardCharsets.UTF_8)
				+ ((category != null) ? "&category=" + category : "");
		model.addAttribute("previousUrl", base + "&page=" + Math.max(0, current - 1));
		model.addAttribute("nextUrl", base + "&page=" + (current + 1));
		return "commerce/products";
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		Products.Product product = product(id);
		model.addAttribute("product", product);
		model.addAttribute("name", product.name());
		model.addAttribute("categoryId", product.categoryId());
		model.addAttribute("listPrice", (product.listPrice() != null) ? product.listPrice().toPlainString() : "");
		model.addAttribute("version", product.version());
		model.addAttribute("categories", this.products.categories());
		model.addAttribute("errors", Map.of());
		return "commerce/product-form";
	}

	@PostMapping("/{id}/edit")
	String save(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String name,
			@RequestParam(required = false) Long categoryId, @RequestParam(required = false) String listPrice,
			Model model, RedirectAttributes redirect) {
		Products.Product product = product(id);
		try {
			this.products.update(id, version, name, categoryId, listPrice);
			redirect.addFlashAttribute("flash", "commerce.product.saved");
			return "redirect:/transactions/products?q="
					+ java.net.URLEncoder.encode(product.sku(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (ValidationException ex) {
			Map<String, ValidationException.FieldProblem> errors = new HashMap<>();
			ex.problems().forEach((p) -> errors.putIfAbsent(p.field(), p));
			model.addAttribute("errors", errors);
		}
		catch (ConflictException ex) {
			model.addAttribute("conflict", true);
		}
		model.addAttribute("product", product);
		model.addAttribute("name", name);
		model.addAttribute("categoryId", categoryId);
		model.addAttribute("listPrice", listPrice);
		model.addAttribute("version", version);
		model.addAttribute("categories", this.products.categories());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "commerce/product-form";
	}

	private Products.Product product(long id) {
		return this.products.get(id).orElseThrow(() -> new NotFoundException("commerce.product.notFound"));
	}

}
