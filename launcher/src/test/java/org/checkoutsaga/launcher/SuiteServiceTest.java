package org.checkoutsaga.launcher;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@code launcher service <name>} names a service and what it needs to start one
 * alone.
 */
class SuiteServiceTest {

	@Test
	void namesEachServiceByItsShortName() {
		assertThat(SuiteService.ofShortName("orchestrator")).isEqualTo(SuiteService.ORCHESTRATOR);
		assertThat(SuiteService.ofShortName("stock").serviceName()).isEqualTo("stock-entity-service");
		assertThat(SuiteService.ofShortName("receipt").serviceName()).isEqualTo("receipt-service");
	}

	@Test
	void rejectsAnUnknownServiceNamingTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> SuiteService.ofShortName("payments"))
			.withMessageContaining("payments")
			.withMessageContaining("orchestrator, stock, receipt");
	}

	@Test
	void needsEveryPortOfTheSuiteToStartAServiceAlone() {
		LocalSuite.Settings settings = LocalSuite.Settings.defaults(Path.of("/tmp/unused"))
			.withHttpPorts(8080, 0, 8082);

		assertThatIllegalArgumentException().isThrownBy(() -> LocalSuite.runAlone(SuiteService.ORCHESTRATOR, settings))
			.withMessageContaining("none may be 0");
	}

}
