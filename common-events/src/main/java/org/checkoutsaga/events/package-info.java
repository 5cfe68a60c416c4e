/**
 * The messages the checkout services exchange, as plain Java records with no framework
 * annotations: the thesis' Kafka payload ({@link CheckoutEvent}), the outcome message
 * ({@link CheckoutOutcome}), stock commands and their typed replies, the receipt request
 * and answer, and the saga history events ({@link SagaEvent}).
 */
package org.checkoutsaga.events;
