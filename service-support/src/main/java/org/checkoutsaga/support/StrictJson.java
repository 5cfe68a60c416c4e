package org.checkoutsaga.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * How strictly the services read JSON they are sent. Jackson's defaults are lenient: it
 * ignores unknown properties (so a typo such as {@code "quantitiy"} goes unnoticed),
 * truncates {@code 1.5} to the {@code int} 1, reads the string {@code "1"} as a number
 * and the number {@code 5} as the string {@code "5"}, and lets the last of two equal keys
 * win. Here none of that is accepted:
 * <ul>
 * <li>{@link #typed} (Kafka records and REST bodies): a value must have the JSON type of
 * its field (no scalar coercion, no fraction for a whole number), an object must not
 * repeat a key, and nothing may follow the document;</li>
 * <li>{@link #requestBodies} (REST bodies): typed, and an unknown property is an
 * error.</li>
 * </ul>
 * Both are copies of the service's own mapper, so they keep its modules (the sealed types
 * of {@code common-events}).
 */
public final class StrictJson {

	private StrictJson() {
	}

	/**
	 * A mapper for request bodies: unknown properties, coerced scalars and repeated keys
	 * fail.
	 * @param base the service's mapper
	 * @return the strict copy's builder
	 */
	public static JsonMapper.Builder requestBodies(JsonMapper base) {
		return typed(base).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	/**
	 * A mapper that checks types but, unlike {@link #requestBodies}, ignores properties
	 * it does not know: for producers that add fields of their own.
	 * @param base the service's mapper
	 * @return the copy's builder
	 */
	public static JsonMapper.Builder typed(JsonMapper base) {
		return base.rebuild()
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			// a missing or null int reads as 0, which every rule refuses; failing on it
			// here instead would hide an unknown property ("quantitiy") behind "quantity
			// is required", as a record's creator is checked first
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			// numbers and booleans are not strings (scalar coercion covers only the
			// other direction)
			.withCoercionConfig(LogicalType.Textual, (config) -> {
				config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
				config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
				config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
			});
	}

	/**
	 * The JSON converter of a service's controllers, reading bodies with
	 * {@link #requestBodies} (and writing problems with Spring's problem mix-in). It also
	 * refuses a body that is not text in its charset (UTF-8 unless the Content-Type names
	 * another) before Jackson sees it: Jackson's UTF-8 parser checks the bytes of values
	 * but not always those of property names, and a name with a stray {@code 0xFF} byte
	 * ({@code "item\xFFs"}) was read as a known one ({@code "items"}) once that name was
	 * in its symbol table.
	 * @param base the service's mapper
	 * @return the converter
	 */
	public static JacksonJsonHttpMessageConverter requestBodyConverter(JsonMapper base) {
		return new TextOnlyConverter(requestBodies(base));
	}

	private static final class TextOnlyConverter extends JacksonJsonHttpMessageConverter {

		TextOnlyConverter(JsonMapper.Builder builder) {
			super(builder);
		}

		@Override
		public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints) throws IOException {
			return super.read(type, checked(input), hints);
		}

		@Override
		protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
			return super.readInternal(type, checked(input));
		}

		private static HttpInputMessage checked(HttpInputMessage input) throws IOException {
			byte[] body = input.getBody().readAllBytes();
			MediaType contentType = input.getHeaders().getContentType();
			Charset charset = (contentType != null && contentType.getCharset() != null) ? contentType.getCharset()
					: StandardCharsets.UTF_8;
			try {
				charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(body));
			}
			catch (CharacterCodingException ex) {
				throw new HttpMessageNotReadableException("The request body is not " + charset.name() + " text", ex,
						input);
			}
			HttpHeaders headers = input.getHeaders();
			return new HttpInputMessage() {

				@Override
				public InputStream getBody() {
					return new ByteArrayInputStream(body);
				}

				@Override
				public HttpHeaders getHeaders() {
					return headers;
				}

			};
		}

	}

}
