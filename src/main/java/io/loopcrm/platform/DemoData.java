package io.loopcrm.platform;

/**
 * A module's part of the demo data set. Each part is seeded once, in its own transaction,
 * in {@link #order()} (lower first), the first time the application starts with demo data
 * enabled; a part added by a later version is seeded on the next start. Data must be
 * deterministic: a fixed seed, no "now" other than the application clock.
 */
public interface DemoData {

	/** A stable name; once seeded under this name the part is never seeded again. */
	String name();

	/** Seeding order; the platform's users come first at 0. */
	int order();

	/** Inserts this part's demo data. */
	void seed();

}
