package org.checkoutsaga.events;

/**
 * The receipt service's typed answer to one {@link ReceiptRequest} of a batch. A store
 * that could not be made durable produces no reply: the whole batch fails and is repeated
 * (stores are idempotent).
 */
public sealed interface ReceiptReply permits ReceiptReply.Stored, ReceiptReply.Refused {

	String checkoutId();

	/**
	 * The checkout has this receipt: stored now ({@code created}) or by an earlier
	 * request.
	 */
	record Stored(Receipt receipt, boolean created) implements ReceiptReply {

		@Override
		public String checkoutId() {
			return this.receipt.checkoutId();
		}

	}

	/**
	 * The checkout's receipt was cancelled, or a tombstone refuses it; nothing stored.
	 */
	record Refused(String checkoutId) implements ReceiptReply {
	}

}
