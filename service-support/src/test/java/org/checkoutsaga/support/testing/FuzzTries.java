package org.checkoutsaga.support.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a long run set the tries of the fuzz properties: {@code -Dfuzz.tries=20000} runs
 * each property that adds this hook ({@code @AddLifecycleHook(FuzzTries.class)}) that
 * many times; without it, each runs the tries of its {@code @Property}, sized for
 * {@code ./mvnw verify}.
 */
public class FuzzTries implements AroundPropertyHook {

	/** The system property that sets the tries of every fuzz property. */
	public static final String PROPERTY = "fuzz.tries";

	@Override
	public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
		String tries = System.getProperty(PROPERTY);
		if (tries != null && !tries.isBlank()) {
			context.attributes().setTries(Integer.parseInt(tries.trim()));
		}
		return property.execute();
	}

}
