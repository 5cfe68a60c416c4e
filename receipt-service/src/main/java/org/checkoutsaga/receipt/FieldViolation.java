package org.checkoutsaga.receipt;

/**
 * What is wrong with one field of a request, as listed in a problem's {@code errors}.
 *
 * @param field the field, e.g. {@code items[2].quantity}
 * @param message what is wrong with it
 */
record FieldViolation(String field, String message) {
}
