package org.checkoutsaga.stock.api;

/**
 * One invalid field of a request, listed under {@code errors} in the problem body.
 *
 * @param field where, e.g. {@code [3].quantity}
 * @param message what is wrong
 */
record FieldProblem(String field, String message) {
}
