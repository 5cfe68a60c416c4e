package org.checkoutsaga.stock.ledger;

import java.util.ArrayList;
import java.util.List;

import org.checkoutsaga.stock.ledger.AuditReport.Violation;
import org.jspecify.annotations.Nullable;

/**
 * The violations an audit finds: all of them counted, the first ones listed, so that a
 * badly damaged ledger cannot fill the memory with its report.
 */
final class Findings {

	private final int maxListed;

	private final List<Violation> listed = new ArrayList<>();

	private long found;

	Findings(int maxListed) {
		this.maxListed = maxListed;
	}

	/**
	 * A violation of one entry; the problem is prefixed with the entry's kind and
	 * operation id, e.g. {@code RESTORE c1/a gives back 2 units, but ...}.
	 * @param entry the entry
	 * @param problem what is wrong with it, starting with a verb
	 */
	void add(AuditedEntry entry, String problem) {
		add(entry.itemId(), entry.operationId(), entry.kind() + " " + entry.operationId() + " " + problem);
	}

	void add(String itemId, @Nullable String operationId, String problem) {
		this.found++;
		if (this.listed.size() < this.maxListed) {
			this.listed.add(new Violation(itemId, operationId, problem));
		}
	}

	AuditReport report(long itemsChecked, long operationsChecked) {
		long notListed = this.found - this.listed.size();
		return new AuditReport(itemsChecked, operationsChecked, List.copyOf(this.listed),
				(notListed > 0) ? notListed : null, this.found == 0);
	}

	static String units(long quantity) {
		return quantity + ((quantity == 1) ? " unit" : " units");
	}

}
