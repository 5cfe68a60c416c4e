package org.checkoutsaga.stock.ledger;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of operation, the ledger's {@code kind} column. */
enum Kind {

	RETRACT, RESTORE, SET, RESTOCK;

	static Optional<Kind> of(String recorded) {
		return Arrays.stream(values()).filter((kind) -> kind.name().equals(recorded)).findFirst();
	}

}
