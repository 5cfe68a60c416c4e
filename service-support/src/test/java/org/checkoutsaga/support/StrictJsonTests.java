package org.checkoutsaga.support;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.checkoutsaga.events.CheckoutEvent;
import org.checkoutsaga.events.CheckoutItem;
import org.checkoutsaga.events.StockCommand;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * What the strict mappers refuse that Jackson's defaults accept, and how each refusal is
 * named to a client.
 */
class StrictJsonTests {

	private static final JsonMapper base = JsonMapper.builder().addModule(SealedTypesModule.commonEvents()).build();

	private static final JsonMapper bodies = StrictJson.requestBodies(base).build();

	private static final JsonMapper records = StrictJson.typed(base).build();

	/** A body, what it is read as, and the violation expected. */
	record Body(String json, Class<?> type, String field, String message) {
	}

	@ParameterizedTest
	@MethodSource("refused")
	void refusesWhatTheDefaultsWouldAcceptOrMangleAndNamesTheField(Body body) {
		JacksonException failure = catchThrowableOfType(JacksonException.class,
				() -> bodies.readValue(body.json(), body.type()));

		FieldViolation violation = JsonViolations.of(failure);

		assertThat(violation.field()).isEqualTo(body.field());
		assertThat(violation.message()).startsWith(body.message());
	}

	static List<Arguments> refused() {
		return List.of(
				argumentSet("a typo is an unknown field",
						new Body("{\"itemId\": \"a\", \"quantitiy\": 1}", CheckoutItem.class, "quantitiy",
								"is not a known field (known: itemId, quantity)")),
				argumentSet("a fraction is not a whole number",
						new Body("{\"itemId\": \"a\", \"quantity\": 1.5}", CheckoutItem.class, "quantity",
								"must be a whole number")),
				argumentSet("1.0 neither",
						new Body("{\"itemId\": \"a\", \"quantity\": 1.0}", CheckoutItem.class, "quantity",
								"must be a whole number")),
				argumentSet("1e20 neither",
						new Body("{\"itemId\": \"a\", \"quantity\": 1e20}", CheckoutItem.class, "quantity",
								"must be a whole number")),
				argumentSet("beyond int",
						new Body("{\"itemId\": \"a\", \"quantity\": 99999999999}", CheckoutItem.class, "quantity",
								"is out of range")),
				argumentSet("a string is not a number",
						new Body("{\"itemId\": \"a\", \"quantity\": \"1\"}", CheckoutItem.class, "quantity",
								"must be a whole number")),
				argumentSet("a number is not a string",
						new Body("{\"itemId\": 7, \"quantity\": 1}", CheckoutItem.class, "itemId", "must be a string")),
				argumentSet("a boolean is not a string",
						new Body("{\"itemId\": true, \"quantity\": 1}", CheckoutItem.class, "itemId",
								"must be a string")),
				argumentSet("a repeated key",
						new Body("{\"itemId\": \"a\", \"itemId\": \"b\", \"quantity\": 1}", CheckoutItem.class, "body",
								"repeats a key")),
				argumentSet("nested path", new Body(
						"{\"requestId\": \"r\", \"message\": {\"userId\": \"u\", \"items\": [{\"itemId\": \"a\", \"quantity\": 1}, {\"itemId\": \"b\", \"quantity\": \"x\"}]}}",
						CheckoutEvent.class, "message.items[1].quantity", "must be a whole number")),
				argumentSet("an object for a list",
						new Body("{\"requestId\": \"r\", \"message\": {\"userId\": \"u\", \"items\": {}}}",
								CheckoutEvent.class, "message.items", "must be an array")),
				argumentSet("broken JSON",
						new Body("{\"itemId\": \"a\", \"quantity\": 1", CheckoutItem.class, "body",
								"is not valid JSON")),
				argumentSet("trailing garbage",
						new Body("{\"itemId\": \"a\", \"quantity\": 1} x", CheckoutItem.class, "body",
								"is not valid JSON")),
				argumentSet("an unknown command type",
						new Body("{\"type\": \"Steal\", \"operationId\": \"o\", \"itemId\": \"a\", \"quantity\": 1}",
								StockCommand.class, "body", "needs a \"type\"")),
				argumentSet("nesting deeper than the reader allows",
						new Body("[".repeat(5000), Object.class, "body", "exceeds a limit")),
				argumentSet("an empty document", new Body("", CheckoutItem.class, "body", "is missing")));
	}

	@ParameterizedTest
	@MethodSource("typedRecords")
	void recordsMayCarryUnknownFieldsButNotWrongTypes(String json, boolean readable) {
		if (readable) {
			assertThat(records.readValue(json, CheckoutItem.class)).isEqualTo(new CheckoutItem("a", 1));
		}
		else {
			assertThat(catchThrowableOfType(JacksonException.class, () -> records.readValue(json, CheckoutItem.class)))
				.isNotNull();
		}
	}

	static List<Arguments> typedRecords() {
		return List.of(argumentSet("an extra field", "{\"itemId\": \"a\", \"quantity\": 1, \"note\": \"x\"}", true),
				argumentSet("a fraction", "{\"itemId\": \"a\", \"quantity\": 1.5}", false),
				argumentSet("a string number", "{\"itemId\": \"a\", \"quantity\": \"1\"}", false),
				argumentSet("a repeated key", "{\"itemId\": \"a\", \"quantity\": 1, \"quantity\": 2}", false));
	}

	@ParameterizedTest
	@MethodSource("accepted")
	void acceptsWhatTheServicesSendEachOther(Object value) {
		String json = base.writeValueAsString(value);

		assertThat(bodies.readValue(json, value.getClass())).isEqualTo(value);
	}

	static List<Object> accepted() {
		return List.of(new CheckoutItem("item-1", 3), new StockCommand.Retract("c/item-1", "item-1", 2),
				new StockCommand.Restore("c/item-1", "item-1", 2));
	}

	@Test
	void theConverterRefusesABodyThatIsNotTextInItsCharsetBeforeJacksonReadsANameIntoAKnownOne() throws Exception {
		JacksonJsonHttpMessageConverter converter = StrictJson.requestBodyConverter(base);
		ResolvableType item = ResolvableType.forClass(CheckoutItem.class);
		assertThat(converter.read(item, json("{\"itemId\": \"a\", \"quantity\": 1}".getBytes(StandardCharsets.UTF_8)),
				null))
			.isEqualTo(new CheckoutItem("a", 1));
		// "itemI\xFFd": Jackson's symbol table would hand back "itemId"
		byte[] stray = HexFormat.of().parseHex("7b226974656d49ff64223a202261222c20227175616e74697479223a20317d");

		HttpMessageNotReadableException refused = catchThrowableOfType(HttpMessageNotReadableException.class,
				() -> converter.read(item, json(stray), null));

		assertThat(JsonViolations.of(refused).toString()).startsWith("body: is not text in its charset");
	}

	private static MockHttpInputMessage json(byte[] body) {
		MockHttpInputMessage message = new MockHttpInputMessage(body);
		message.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return message;
	}

}
