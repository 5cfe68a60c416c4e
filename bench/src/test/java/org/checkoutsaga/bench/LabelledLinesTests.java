package org.checkoutsaga.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelledLinesTests {

	@Test
	void labelsEveryLineButTheJsonAndTheEmptyOnes() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = LabelledLines.of(new PrintStream(printed, true, StandardCharsets.UTF_8), "[diag] ");

		out.println("# warm-up round 1: 1.2 s");
		out.printf("# %s: sent%n", "kafka-spread-50");
		out.println("{\"system\":\"checkout-saga (IN-PROCESS DIAGNOSTIC)\"}");
		out.println();
		out.print("System / variant\n  checkout-saga kafka-spread\n");

		assertThat(printed.toString(StandardCharsets.UTF_8))
			.isEqualTo(String.join(System.lineSeparator(), "[diag] # warm-up round 1: 1.2 s",
					"[diag] # kafka-spread-50: sent", "{\"system\":\"checkout-saga (IN-PROCESS DIAGNOSTIC)\"}", "", "")
					+ "[diag] System / variant\n" + "[diag]   checkout-saga kafka-spread\n");
	}

}
