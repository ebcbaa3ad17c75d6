package io.loopcrm.commerce.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns a transaction import understands, one line per order line, with the header
 * names accepted for each (canonical English first, then Chinese in simplified and
 * traditional script). Header matching ignores case, spaces, dashes and underscores.
 */
public enum OrderColumn {

	CUSTOMER_EXTERNAL_ID(true, "customer_external_id", "客户编号", "客戶編號", "会员编号", "會員編號", "客户外部编号", "客戶外部編號"),
	ORDER_ID(true, "order_id", "订单号", "訂單號", "订单编号", "訂單編號"),
	ORDERED_AT(true, "ordered_at", "下单时间", "下單時間", "订单时间", "訂單時間", "交易时间", "交易時間"),
	SKU(true, "sku", "商品编码", "商品編碼", "货号", "貨號"), PRODUCT_NAME(false, "product_name", "商品名称", "商品名稱", "品名"),
	CATEGORY(false, "category", "品类", "品類", "类别", "類別", "分类", "分類"), QUANTITY(true, "quantity", "数量", "數量"),
	UNIT_PRICE(true, "unit_price", "单价", "單價"), AMOUNT(false, "amount", "金额", "金額", "小计", "小計"),
	CHANNEL(false, "channel", "渠道", "通路", "销售渠道", "銷售通路"), STATUS(false, "status", "状态", "狀態", "订单状态", "訂單狀態"),
	STORE(false, "store", "门店", "門市", "分店"), LIST_PRICE(false, "list_price", "标价", "標價", "原价", "原價", "定价", "定價");

	private static final Map<String, OrderColumn> BY_HEADER = new HashMap<>();

	static {
		for (OrderColumn column : values()) {
			BY_HEADER.put(key(column.header), column);
			for (String alias : column.aliases) {
				BY_HEADER.put(key(alias), column);
			}
		}
	}

	private final boolean required;

	private final String header;

	private final List<String> aliases;

	OrderColumn(boolean required, String header, String... aliases) {
		this.required = required;
		this.header = header;
		this.aliases = List.of(aliases);
	}

	public boolean isRequired() {
		return this.required;
	}

	/** The canonical header. */
	public String getHeader() {
		return this.header;
	}

	public List<String> getAliases() {
		return this.aliases;
	}

	/** The column a header names, or {@code null}. */
	static OrderColumn of(String header) {
		return (header != null) ? BY_HEADER.get(key(header)) : null;
	}

	private static String key(String header) {
		return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
	}

}
