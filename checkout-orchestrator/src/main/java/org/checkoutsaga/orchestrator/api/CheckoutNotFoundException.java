package org.checkoutsaga.orchestrator.api;

/** No checkout with that id has started (yet). */
class CheckoutNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CheckoutNotFoundException(String checkoutId) {
		super("No checkout " + checkoutId + " has started; a checkout submitted a moment ago may not have yet");
	}

}
