package io.loopcrm.customer;

import java.util.List;

/**
 * The lifecycle stages a customer can be in (潛在 / 新 / 活躍 / 沉默 / 流失). The customer module
 * stores the stage; segmentation decides it.
 */
public final class LifecycleStages {

	public static final String POTENTIAL = "POTENTIAL";

	public static final String NEW = "NEW";

	public static final String ACTIVE = "ACTIVE";

	public static final String DORMANT = "DORMANT";

	public static final String CHURNED = "CHURNED";

	public static final List<String> ALL = List.of(POTENTIAL, NEW, ACTIVE, DORMANT, CHURNED);

	private LifecycleStages() {
	}

}
