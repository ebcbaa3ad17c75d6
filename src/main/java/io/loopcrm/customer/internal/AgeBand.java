package io.loopcrm.customer.internal;

import java.time.LocalDate;
import java.time.Period;

/** Age bands for customers who give a band instead of a birthday. */
public enum AgeBand {

	UNDER_18("<18"), AGE_18_24("18-24"), AGE_25_34("25-34"), AGE_35_44("35-44"), AGE_45_54("45-54"), AGE_55_64("55-64"),
	AGE_65_PLUS("65+");

	private final String label;

	AgeBand(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	static AgeBand fromLabel(String label) {
		for (AgeBand band : values()) {
			if (band.label.equals(label) || band.name().equals(label)) {
				return band;
			}
		}
		return null;
	}

	/** The band of someone born on {@code birthday}, on {@code today}. */
	static AgeBand of(LocalDate birthday, LocalDate today) {
		int age = Period.between(birthday, today).getYears();
		if (age < 18) {
			return UNDER_18;
		}
		if (age < 25) {
			return AGE_18_24;
		}
		if (age < 35) {
			return AGE_25_34;
		}
		if (age < 45) {
			return AGE_35_44;
		}
		if (age < 55) {
			return AGE_45_54;
		}
		return (age < 65) ? AGE_55_64 : AGE_65_PLUS;
	}

}
