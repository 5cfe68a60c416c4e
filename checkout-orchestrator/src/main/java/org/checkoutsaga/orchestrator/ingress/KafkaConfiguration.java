package org.checkoutsaga.orchestrator.ingress;

import java.util.Collection;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutOutcome;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.orchestrator.CheckoutProperties;
import org.checkoutsaga.orchestrator.engine.SagaEngine;
import org.checkoutsaga.orchestrator.outcome.OutcomePublisher;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
import org.checkoutsaga.orchestrator.saga.SagaAction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Topics, and what happens when partitions move: an instance that gets a partition
 * resumes its unfinished sagas (and publishes outcomes a crash held back); one that loses
 * it stops driving them. A batch that fails (the database is down, say) is retried with
 * backoff for as long as it takes: skipping it would lose checkouts.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	private static final Log logger = LogFactory.getLog(KafkaConfiguration.class);

	@Bean
	NewTopic checkoutEventsTopic(CheckoutProperties properties) {
		return TopicBuilder.name(CheckoutEvent.TOPIC).partitions(properties.kafka().partitions()).build();
	}

	@Bean
	NewTopic checkoutResultsTopic(CheckoutProperties properties) {
		return TopicBuilder.name(CheckoutOutcome.TOPIC).partitions(properties.kafka().partitions()).build();
	}

	@Bean
	NewTopic deadLetterTopic() {
		return TopicBuilder.name(DeadLetters.TOPIC).partitions(1).build();
	}

	@Bean
	CommonErrorHandler retryBatchesForever() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(10_000);
		return new DefaultErrorHandler(backOff);
	}

	@Bean
	ConsumerAwareRebalanceListener sagaRecovery(SagaEngine<CheckoutState, SagaEvent, SagaAction> engine,
			OutcomePublisher outcomes, CheckoutSaga saga) {
		return new ConsumerAwareRebalanceListener() {

			@Override
			public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
				List<Integer> partitions = checkoutPartitions(assigned);
				if (partitions.isEmpty()) {
					return;
				}
				try {
					int resumed = engine.recover(partitions);
					outcomes.republish(partitions, saga);
					logger.info("Partitions " + partitions + " assigned: resumed " + resumed + " unfinished sagas");
				}
				catch (RuntimeException ex) {
					// the partitions are owned now: the engine's periodic sweep resumes
					// their sagas
					logger.warn("Recovery of partitions " + partitions + " failed; the sweep will retry", ex);
				}
			}

			@Override
			public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
				engine.release(checkoutPartitions(revoked));
			}

			@Override
			public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
				engine.release(checkoutPartitions(lost));
			}

		};
	}

	private static List<Integer> checkoutPartitions(Collection<TopicPartition> partitions) {
		return partitions.stream()
			.filter((partition) -> CheckoutEvent.TOPIC.equals(partition.topic()))
			.map(TopicPartition::partition)
			.toList();
	}

}
