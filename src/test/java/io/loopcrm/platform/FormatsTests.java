package io.loopcrm.platform;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTests {

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void moneyIsShownInTheConfiguredCurrencyForTheUsersLanguage() {
		Formats cny = formats("CNY");
		LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
		assertThat(cny.money(new BigDecimal("1234.5"))).contains("1,234.50").containsAnyOf("¥", "￥");
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(cny.money(new BigDecimal("1234.5"))).contains("1,234.50").contains("CN");
		Formats twd = formats("TWD");
		LocaleContextHolder.setLocale(Locale.TRADITIONAL_CHINESE);
		assertThat(twd.money(new BigDecimal("99"))).contains("99.00").contains("$");
	}

	@Test
	void timestampsAreShownInTheConfiguredZone() {
		Formats formats = formats("CNY");
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		// 23:30 UTC is 07:30 the next morning in Shanghai
		assertThat(formats.dateTime(Instant.parse("2026-03-01T23:30:00Z"))).contains("Mar 2, 2026").contains("7:30");
		LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
		assertThat(formats.dateTime(Instant.parse("2026-03-01T23:30:00Z"))).contains("2026年3月2日");
	}

	private static Formats formats(String currency) {
		LoopCrmProperties properties = new LoopCrmProperties(Currency.getInstance(currency), ZoneId.of("Asia/Shanghai"),
				null, null, null, null);
		return new Formats(properties);
	}

}
