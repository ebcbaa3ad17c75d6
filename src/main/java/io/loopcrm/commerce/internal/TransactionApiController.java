package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.imports.ImportResult;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/transactions}: one order, as a point-of-sale system sends it,
 * idempotent on its order ID: 201 with the order when it is new, 200 when it was on file
 * ({@code result} says whether it was unchanged or updated — a later status such as
 * {@code refunded} replaces the earlier one). {@code GET /api/v1/transactions/{orderId}}
 * reads it back.
 */
@RestController
@RequestMapping("/api/v1/transactions")
class TransactionApiController {

	private final TransactionImporter importer;

	private final Orders orders;

	TransactionApiController(TransactionImporter importer, Orders orders) {
		this.importer = importer;
		this.orders = orders;
	}

	/** The order as a point-of-sale system sends it. */
	record OrderRequest(String orderId, String customerExternalId, String orderedAt, String channel, String status,
			String store, List<LineRequest> lines) {
	}

	/** One line of it. */
	record LineRequest(String sku, String productName, String category, BigDecimal quantity, BigDecimal unitPrice,
			BigDecimal amount, BigDecimal listPrice) {
	}

	/** The answer: the order on file and what the call did. */
	record OrderResponse(String result, long id, String orderId, long customerId, String customerExternalId,
			String orderedAt, String channel, String status, String store, BigDecimal total, List<Orders.Line> lines) {

		static OrderResponse of(String result, Orders.Order o) {
			return new OrderResponse(result, o.id(), o.orderId(), o.customerId(), o.customerExternalId(),
					o.orderedAt().toString(), o.channel(), o.status(), o.store(), o.total(), o.lines());
		}

	}

	@PostMapping
	ResponseEntity<OrderResponse> record(@RequestBody OrderRequest request,
			@RequestParam(defaultValue = "false") boolean createMissingCustomers, Locale locale) {
		if (request.lines() == null || request.lines().isEmpty()) {
			throw ValidationException.of("lines", "commerce.api.noLines");
		}
		List<Map<OrderColumn, String>> lines = new ArrayList<>();
		for (LineRequest line : request.lines()) {
			Map<OrderColumn, String> cells = new EnumMap<>(OrderColumn.class);
			put(cells, OrderColumn.CUSTOMER_EXTERNAL_ID, request.customerExternalId());
			put(cells, OrderColumn.ORDER_ID, request.orderId());
			put(cells, OrderColumn.ORDERED_AT, request.orderedAt());
			put(cells, OrderColumn.CHANNEL, request.channel());
			put(cells, OrderColumn.STATUS, request.status());
			put(cells, OrderColumn.STORE, request.store());
			if (line != null) {
				put(cells, OrderColumn.SKU, line.sku());
				put(cells, OrderColumn.PRODUCT_NAME, line.productName());
				put(cells, OrderColumn.CATEGORY, line.category());
				put(cells, OrderColumn.QUANTITY, line.quantity());
				put(cells, OrderColumn.UNIT_PRICE, line.unitPrice());
				put(cells, OrderColumn.AMOUNT, line.amount());
				put(cells, OrderColumn.LIST_PRICE, line.listPrice());
			}
			lines.add(cells);
		}
		ImportResult result;
		try {
			result = this.importer.importOrder(lines, createMissingCustomers, locale);
		}
		catch (DuplicateKeyException ex) {
			// the same order arrived twice at once: the other call inserted it, compare
			// again
			result = this.importer.importOrder(lines, createMissingCustomers, locale);
		}
		if (!result.errors().isEmpty()) {
			Map<String, ValidationException.FieldProblem> problems = new java.util.LinkedHashMap<>();
			for (ImportResult.RowError error : result.errors()) {
				ValidationException.FieldProblem problem = problem(error);
				problems.putIfAbsent(problem.field() + "\n" + problem.messageKey(), problem);
			}
			throw new ValidationException(List.copyOf(problems.values()));
		}
		Orders.Order order = this.orders.byNumber(request.orderId().strip()).orElseThrow();
		if (result.inserted() > 0) {
			return ResponseEntity.status(HttpStatus.CREATED).body(OrderResponse.of("inserted", order));
		}
		return ResponseEntity.ok(OrderResponse.of((result.updated() > 0) ? "updated" : "unchanged", order));
	}

	@GetMapping("/{orderId}")
	OrderResponse read(@PathVariable String orderId) {
		return this.orders.byNumber(orderId)
			.map((o) -> OrderResponse.of("found", o))
			.orElseThrow(() -> new NotFoundException("commerce.order.notFound", orderId));
	}

	/**
	 * The JSON field of a problem: order fields by name, line fields as lines[i].field.
	 */
	private static ValidationException.FieldProblem problem(ImportResult.RowError error) {
		String field = switch (error.column()) {
			case "customer_external_id" -> "customerExternalId";
			case "order_id" -> "orderId";
			case "ordered_at" -> "orderedAt";
			case "channel", "status", "store" -> error.column();
			default -> "lines[" + (error.line() - 1) + "]." + camel(error.column());
		};
		return new ValidationException.FieldProblem(field, error.message());
	}

	private static String camel(String header) {
		StringBuilder out = new StringBuilder();
		boolean upper = false;
		for (char c : header.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				out.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return out.toString();
	}

	private static void put(Map<OrderColumn, String> cells, OrderColumn column, Object value) {
		if (value != null) {
			cells.put(column, (value instanceof BigDecimal number) ? number.toPlainString() : value.toString());
		}
	}

}
