package org.checkoutsaga.orchestrator;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JacksonModule;

import org.checkoutsaga.events.CheckoutOutcome;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.SagaEvent.CheckoutStarted;
import org.checkoutsaga.orchestrator.engine.ActionExecutor;
import org.checkoutsaga.orchestrator.engine.RetryBackoff;
import org.checkoutsaga.orchestrator.engine.SagaEngine;
import org.checkoutsaga.orchestrator.engine.Waiters;
import org.checkoutsaga.orchestrator.history.HistoryRetention;
import org.checkoutsaga.orchestrator.history.HistoryStore;
import org.checkoutsaga.orchestrator.outcome.OutcomePublisher;
import org.checkoutsaga.orchestrator.saga.CheckoutSaga;
import org.checkoutsaga.orchestrator.saga.CheckoutState;
import org.checkoutsaga.orchestrator.saga.SagaAction;
import org.checkoutsaga.support.SealedTypesModule;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Puts the checkout saga into the engine: history, participants, outcome.
 */
@Configuration(proxyBeanMethods = false)
class SagaConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	JacksonModule sealedTypes() {
		return SealedTypesModule.commonEvents();
	}

	/** REST callers waiting for a checkout's outcome ({@code ?wait=}). */
	@Bean
	Waiters<CheckoutOutcome> outcomeWaiters() {
		return new Waiters<>();
	}

	/** REST callers waiting for their checkout's start to be durable. */
	@Bean
	Waiters<CheckoutStarted> startWaiters() {
		return new Waiters<>();
	}

	@Bean
	CheckoutSaga checkoutSaga(CheckoutProperties properties) {
		return new CheckoutSaga(properties.compensationDeadline());
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService sagaScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
				new CustomizableThreadFactory("saga-retry-"));
		// an operator's retry cancels waiting retries: let them leave the queue at once
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	/** Runs what follows a durable append, off the group committer's thread. */
	@Bean(destroyMethod = "shutdown")
	ExecutorService sagaCallbacks() {
		return Executors.newFixedThreadPool(2, new CustomizableThreadFactory("saga-"));
	}

	@Bean
	SagaEngine<CheckoutState, SagaEvent, SagaAction> sagaEngine(CheckoutSaga saga, HistoryStore history,
			ActionExecutor<SagaAction, SagaEvent> checkoutActions, OutcomePublisher outcomes,
			ScheduledExecutorService sagaScheduler, ExecutorService sagaCallbacks, CheckoutProperties properties,
			MeterRegistry meters, Clock clock) {
		CheckoutProperties.Calls calls = properties.calls();
		SagaEngine<CheckoutState, SagaEvent, SagaAction> engine = new SagaEngine<>(saga, history, checkoutActions,
				outcomes, sagaScheduler, sagaCallbacks,
				new RetryBackoff(calls.sagaRetryInitial(), calls.sagaRetryMax()), clock);
		engine.sweepEvery(properties.sweepInterval());
		engine.checkDeadlinesEvery(properties.deadlineCheckInterval());
		Gauge.builder("checkout.sagas.running", engine, SagaEngine::runningCount)
			.description("Sagas in flight on this instance")
			.register(meters);
		return engine;
	}

	/** Purges finished checkouts' histories once they are older than the retention. */
	@Bean
	SmartInitializingSingleton historyPurge(HistoryRetention retention, ScheduledExecutorService sagaScheduler,
			CheckoutProperties properties) {
		CheckoutProperties.Retention settings = properties.retention();
		return () -> {
			if (!settings.finished().isZero()) {
				retention.purgeEvery(sagaScheduler, settings.interval(), settings.finished(), settings.batchSize());
			}
		};
	}

}
