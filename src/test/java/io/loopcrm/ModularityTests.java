package io.loopcrm;

import io.loopcrm.LoopCrmApplication;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Module boundaries hold (no cycles, no reaching into internals); writes the module docs.
 */
class ModularityTests {

	ApplicationModules modules = ApplicationModules.of(LoopCrmApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
