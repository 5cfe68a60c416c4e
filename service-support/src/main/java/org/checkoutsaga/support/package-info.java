/**
 * Infrastructure shared by the three services: the group committer that turns many small
 * writes into one transaction (and one disk sync), the JSON mapping of the sealed types
 * in {@code common-events}, and the rules and 400 problem of an invalid request.
 */
package org.checkoutsaga.support;
