package org.checkoutsaga.orchestrator.participants;

/**
 * A participant answered with an unexpected HTTP status. The saga retries it: a 5xx or
 * 429 passes, anything else is a defect worth an alert.
 */
class CallFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CallFailedException(String target, int status, String body) {
		super(target + " answered HTTP " + status + ": " + abbreviate(body));
	}

	private static String abbreviate(String body) {
		return (body.length() <= 300) ? body : body.substring(0, 300) + "...";
	}

}
