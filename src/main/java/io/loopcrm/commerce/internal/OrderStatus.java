package io.loopcrm.commerce.internal;

import java.util.Locale;

/**
 * Where an order stands. Cancelled and refunded orders never count as purchases in any
 * figure (the generated column {@code customer_order.counts}).
 */
public enum OrderStatus {

	PENDING("待付款", "待处理", "待處理", "未付款"), PAID("已付款", "已支付"), SHIPPED("已发货", "已發貨", "已出货", "已出貨"),
	COMPLETED("已完成", "完成", "complete", "done"), CANCELLED("已取消", "取消", "canceled"), REFUNDED("已退款", "退款", "退货", "退貨");

	private final String[] names;

	OrderStatus(String... names) {
		this.names = names;
	}

	/** Whether orders in this status count as purchases. */
	public boolean counts() {
		return this != CANCELLED && this != REFUNDED;
	}

	/** The status a file or API names (English or Chinese, any case), or {@code null}. */
	static OrderStatus parse(String raw) {
		if (raw == null) {
			return null;
		}
		String value = raw.strip().toLowerCase(Locale.ROOT);
		for (OrderStatus status : values()) {
			if (status.name().equalsIgnoreCase(value)) {
				return status;
			}
			for (String name : status.names) {
				if (name.equals(value)) {
					return status;
				}
			}
		}
		return null;
	}

}
