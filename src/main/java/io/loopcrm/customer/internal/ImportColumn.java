package io.loopcrm.customer.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns a customer import understands, with the header names accepted for each
 * (canonical English first, then Chinese in simplified and traditional script). Header
 * matching ignores case, spaces, dashes and underscores.
 */
public enum ImportColumn {

	EXTERNAL_ID("external_id", "externalId", "外部编号", "外部編號", "客户编号", "客戶編號", "会员编号", "會員編號"),
	NAME("name", "name", "姓名", "名称", "名稱", "客户姓名", "客戶姓名"), GENDER("gender", "gender", "性别", "性別"),
	BIRTHDAY("birthday", "birthday", "生日", "出生日期"), AGE_BAND("age_band", "ageBand", "年龄段", "年齡層", "年齡段"),
	OCCUPATION("occupation", "occupation", "职业", "職業"), PHONE("phone", "phones", "电话", "電話", "手机", "手機", "手机号", "手機號碼"),
	EMAIL("email", "emails", "邮箱", "郵箱", "电子邮件", "電子郵件", "电子邮箱", "電子信箱"),
	WECHAT("wechat", "wechatId", "微信", "微信号", "微信號"), CITY("city", "city", "城市"),
	REGION("region", "region", "地区", "地區", "省份"),
	PREFERRED_CHANNEL("preferred_channel", "preferredChannel", "首选联系方式", "偏好聯絡方式"),
	SOURCE("source", "sourceChannel", "来源", "來源", "来源渠道", "來源管道"), TAGS("tags", "tags", "标签", "標籤"),
	NOTES("notes", "notes", "备注", "備註"), CONSENT_EMAIL("consent_email", "consentEmail", "邮件同意", "郵件同意"),
	CONSENT_SMS("consent_sms", "consentSms", "短信同意", "簡訊同意"),
	CONSENT_PHONE("consent_phone", "consentPhone", "电话同意", "電話同意");

	private static final Map<String, ImportColumn> BY_HEADER = new HashMap<>();

	static {
		for (ImportColumn column : values()) {
			BY_HEADER.put(key(column.header), column);
			for (String alias : column.aliases) {
				BY_HEADER.put(key(alias), column);
			}
		}
	}

	/** The canonical header, as exports write it. */
	final String header;

	/** The field name validation problems use. */
	final String field;

	private final List<String> aliases;

	ImportColumn(String header, String field, String... aliases) {
		this.header = header;
		this.field = field;
		this.aliases = List.of(aliases);
	}

	public List<String> getAliases() {
		return this.aliases;
	}

	public String getHeader() {
		return this.header;
	}

	/** The column a header names, or {@code null}. */
	static ImportColumn of(String header) {
		return (header != null) ? BY_HEADER.get(key(header)) : null;
	}

	/** The column a validation problem's field belongs to. */
	static ImportColumn ofField(String field) {
		for (ImportColumn column : values()) {
			if (column.field.equals(field)) {
				return column;
			}
		}
		return null;
	}

	private static String key(String header) {
		return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
	}

}
