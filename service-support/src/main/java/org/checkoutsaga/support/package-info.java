/**
 * Infrastructure shared by the three services: the group committer that turns many small
 * writes into one transaction (and one disk sync), the JSON mapping of the sealed types
 * in {@code common-events}, the rules and 400 problem of an invalid request, and the
 * defences against hostile input: strict JSON reading ({@link StrictJson}), field-naming
 * violations for unreadable JSON ({@link JsonViolations}) and the request body limit
 * ({@link BodySizeLimitFilter}).
 */
package org.checkoutsaga.support;
