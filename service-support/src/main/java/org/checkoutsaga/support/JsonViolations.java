package org.checkoutsaga.support;

import java.nio.charset.CharacterCodingException;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says which field of a JSON document could not be read, and why, in the words of the
 * services' validation errors: {@code items[0].quantitiy: is not a known field},
 * {@code items[0].quantity: must be a whole number}. Jackson's own messages name Java
 * classes and coercion settings; none of that reaches a client.
 */
public final class JsonViolations {

	/** The field named when the document as a whole is at fault. */
	public static final String BODY = "body";

	private static final int MAX_KNOWN_FIELDS = 20;

	private JsonViolations() {
	}

	/**
	 * The violation behind a failure to read a document.
	 * @param failure what reading threw, or an exception caused by it (Spring's
	 * {@code HttpMessageNotReadableException}, say)
	 * @return the field and what is wrong with it; {@link #BODY} when no JSON failure is
	 * found (a missing body)
	 */
	public static FieldViolation of(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof CharacterCodingException) {
				return new FieldViolation(BODY,
						"is not text in its charset (UTF-8 unless the Content-Type names another)");
			}
		}
		JacksonException jackson = find(failure);
		if (jackson == null) {
			return new FieldViolation(BODY, "is missing or unreadable");
		}
		return new FieldViolation(path(jackson), message(jackson));
	}

	private static JacksonException find(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/** The path in the style of the validation errors, e.g. {@code items[1].itemId}. */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
		}
		if (ex instanceof UnrecognizedPropertyException unknown && !endsWith(path, unknown.getPropertyName())) {
			path.append(path.isEmpty() ? "" : ".").append(unknown.getPropertyName());
		}
		return path.isEmpty() ? BODY : path.toString();
	}

	private static boolean endsWith(StringBuilder path, String name) {
		return name != null && path.toString().endsWith(name);
	}

	private static String message(JacksonException ex) {
		if (ex instanceof UnrecognizedPropertyException unknown) {
			return "is not a known field" + known(unknown.getKnownPropertyIds());
		}
		if (ex instanceof InvalidTypeIdException) {
			return "needs a \"type\" naming one of the known kinds";
		}
		if (ex instanceof StreamConstraintsException) {
			return "exceeds a limit of the JSON reader (nesting, number or text length)";
		}
		if (ex instanceof InputCoercionException) {
			return "is out of range";
		}
		if (ex instanceof MismatchedInputException mismatch) {
			return mismatch(mismatch);
		}
		if (ex instanceof UnexpectedEndOfInputException) {
			return "is not valid JSON: it ends too early";
		}
		if (ex instanceof StreamReadException read) {
			String original = (read.getOriginalMessage() != null) ? read.getOriginalMessage() : "unreadable";
			if (original.startsWith("Duplicate Object property")) {
				return "repeats a key: " + shorten(original);
			}
			return "is not valid JSON: " + shorten(original) + location(read);
		}
		return "cannot be read";
	}

	private static String mismatch(MismatchedInputException ex) {
		String original = (ex.getOriginalMessage() != null) ? ex.getOriginalMessage() : "";
		if (original.startsWith("No content to map")) {
			return "is missing";
		}
		if (original.startsWith("Cannot map `null`")) {
			return "is required";
		}
		Class<?> target = ex.getTargetType();
		if (target == null) {
			return "has the wrong type";
		}
		if (target == int.class || target == Integer.class || target == long.class || target == Long.class
				|| target == short.class || target == Short.class) {
			return "must be a whole number";
		}
		if (target == String.class) {
			return "must be a string";
		}
		if (target == boolean.class || target == Boolean.class) {
			return "must be true or false";
		}
		if (Collection.class.isAssignableFrom(target) || target.isArray()) {
			return "must be an array";
		}
		return "must be an object";
	}

	private static String known(Collection<Object> ids) {
		if (ids == null || ids.isEmpty() || ids.size() > MAX_KNOWN_FIELDS) {
			return "";
		}
		return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", " (known: ", ")"));
	}

	private static String location(StreamReadException ex) {
		if (ex.getLocation() == null || ex.getLocation().getLineNr() < 1) {
			return "";
		}
		return String.format(Locale.ROOT, " (line %d, column %d)", ex.getLocation().getLineNr(),
				ex.getLocation().getColumnNr());
	}

	private static String shorten(String message) {
		String firstLine = message.lines().findFirst().orElse("");
		return (firstLine.length() <= 200) ? firstLine : firstLine.substring(0, 200) + "...";
	}

}
