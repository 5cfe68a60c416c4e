package org.checkoutsaga.support;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;

import org.checkoutsaga.events.ReceiptReply;
import org.checkoutsaga.events.SagaEvent;
import org.checkoutsaga.events.StockCommand;
import org.checkoutsaga.events.StockReply;

/**
 * Maps sealed interfaces to JSON with a {@code "type"} property naming the record, e.g.
 * {@code {"type":"Retracted","operationId":...}}, so that {@code common-events} needs no
 * Jackson annotations. Subtypes are found with {@link Class#getPermittedSubclasses()}.
 */
public final class SealedTypesModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	public SealedTypesModule(Class<?>... sealedTypes) {
		super("sealed-types");
		for (Class<?> sealedType : sealedTypes) {
			if (!sealedType.isSealed()) {
				throw new IllegalArgumentException(sealedType.getName() + " is not sealed");
			}
			setMixInAnnotation(sealedType, TypeNameMixin.class);
			for (Class<?> subtype : sealedType.getPermittedSubclasses()) {
				registerSubtypes(new NamedType(subtype, subtype.getSimpleName()));
			}
		}
	}

	/**
	 * The module for the sealed types of {@code common-events}.
	 * @return a module mapping stock commands, stock replies, receipt replies and saga
	 * events
	 */
	public static SealedTypesModule commonEvents() {
		return new SealedTypesModule(StockCommand.class, StockReply.class, ReceiptReply.class, SagaEvent.class);
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	private interface TypeNameMixin {

	}

}
