/**
 * Infrastructure shared by the three services: the group committer that turns many small
 * writes into one transaction (and one disk sync), and the JSON mapping of the sealed
 * types in {@code common-events}.
 */
package org.checkoutsaga.support;
