package io.loopcrm.commerce.internal;

import java.util.Locale;

/** Where an order was placed. */
public enum SalesChannel {

	STORE("store", "门店", "門店", "門市", "实体店", "實體店", "线下", "線下", "pos"),
	WEB("web", "online", "网店", "網店", "网站", "網站", "线上", "線上", "官网", "官網"),
	APP("app", "mobile", "小程序", "应用", "應用", "手机app", "手機app"), PHONE("phone", "电话", "電話", "热线", "熱線");

	private final String[] names;

	SalesChannel(String... names) {
		this.names = names;
	}

	/**
	 * The channel a file or API names (English or Chinese, any case), or {@code null}.
	 */
	static SalesChannel parse(String raw) {
		if (raw == null) {
			return null;
		}
		String value = raw.strip().toLowerCase(Locale.ROOT);
		for (SalesChannel channel : values()) {
			if (channel.name().equalsIgnoreCase(value)) {
				return channel;
			}
			for (String name : channel.names) {
				if (name.equals(value)) {
					return channel;
				}
			}
		}
		return null;
	}

}
