package org.checkoutsaga.stock.entity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.checkoutsaga.events.StockReply;
import org.checkoutsaga.stock.entity.LedgerEntry.OpKey;
import org.checkoutsaga.stock.entity.StockItem.Decision;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given / when / expect for one {@link StockItem}, without Spring or a database: the
 * given entries are replayed into the item and form its ledger; each command is handled
 * against that ledger, and what it records is added to it.
 */
final class StockItemFixture {

	private final StockItem item = StockItem.unknown(Ledger.ITEM);

	private final Map<OpKey, LedgerEntry> ledger = new LinkedHashMap<>();

	private Decision last;

	private long quantityBefore;

	private long versionBefore;

	private StockItemFixture() {
	}

	static StockItemFixture given(LedgerEntry... history) {
		StockItemFixture fixture = new StockItemFixture();
		for (LedgerEntry entry : history) {
			fixture.item.apply(entry);
			fixture.ledger.put(entry.key(), entry);
		}
		return fixture;
	}

	static StockItemFixture givenNothing() {
		return given();
	}

	StockItemFixture when(StockItemCommand command) {
		this.quantityBefore = this.item.quantity();
		this.versionBefore = this.item.version();
		this.last = this.item.handle(command, (key) -> Optional.ofNullable(this.ledger.get(key)));
		if (!this.last.repeat()) {
			this.ledger.put(this.last.entry().key(), this.last.entry());
		}
		return this;
	}

	StockItemFixture expect(StockReply reply) {
		assertThat(this.last.entry().toReply()).isEqualTo(reply);
		return this;
	}

	StockItemFixture expectRecorded(LedgerEntry entry) {
		assertThat(this.last.repeat()).as("recorded anew").isFalse();
		assertThat(this.last.entry()).isEqualTo(entry);
		return this;
	}

	/** The command repeated an operation id: nothing was recorded or changed. */
	StockItemFixture expectRepeat() {
		assertThat(this.last.repeat()).as("answered from the ledger").isTrue();
		assertThat(this.item.quantity()).isEqualTo(this.quantityBefore);
		assertThat(this.item.version()).isEqualTo(this.versionBefore);
		return this;
	}

	StockItemFixture expectStock(long quantity) {
		assertThat(this.item.quantity()).isEqualTo(quantity);
		return this;
	}

	StockItemFixture expectVersion(long version) {
		assertThat(this.item.version()).isEqualTo(version);
		return this;
	}

	StockItemFixture expectStocked(boolean stocked) {
		assertThat(this.item.isStocked()).isEqualTo(stocked);
		return this;
	}

	List<LedgerEntry> ledger() {
		return List.copyOf(this.ledger.values());
	}

}
