package org.checkoutsaga.support.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generators of hostile input for the fuzz tests: any JSON, broken JSON, bytes that are
 * not even text, ids and numbers that break the services' rules, and content types that
 * are not JSON. Each generator documents what every value it makes has in common, so a
 * test can say what the service must answer.
 */
public final class HostileJson {

	private static final JsonMapper json = JsonMapper.builder().build();

	private HostileJson() {
	}

	/**
	 * A JSON string literal.
	 * @param text the string
	 * @return it quoted and escaped
	 */
	public static String quote(String text) {
		return json.writeValueAsString(text);
	}

	/**
	 * Any JSON document: null, booleans, numbers (also huge, negative, fractional, with
	 * exponents), strings (escapes, control characters, any Unicode), and arrays and
	 * objects nested up to four deep with any (distinct) keys.
	 * @return the documents
	 */
	public static Arbitrary<String> documents() {
		return Arbitraries.recursive(HostileJson::scalars, HostileJson::containers, 4);
	}

	/**
	 * JSON objects whose keys are drawn from some names (a service's own field names, so
	 * that objects come close to what it expects) or anything, with any values; a key may
	 * repeat.
	 * @param names field names to use often
	 * @return the objects
	 */
	public static Arbitrary<String> objectsWithKeys(String... names) {
		Arbitrary<String> keys = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(names)),
				Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
		Arbitrary<String> member = Combinators.combine(keys, documents()).as((key, value) -> quote(key) + ":" + value);
		return member.list().ofMaxSize(6).map((members) -> "{" + String.join(",", members) + "}");
	}

	/**
	 * Documents that are not JSON: a proper prefix of a document (every object and array
	 * left open), or a document followed by more.
	 * @param documents the documents to break, each an object or an array
	 * @return the broken documents
	 */
	public static Arbitrary<String> broken(Arbitrary<String> documents) {
		Arbitrary<String> prefixes = documents.flatMap((document) -> Arbitraries.integers()
			.between(0, document.length() - 1)
			.map((end) -> document.substring(0, end)));
		Arbitrary<String> trailing = Combinators
			.combine(documents, Arbitraries.of(" x", "}", "]", ",", " {}", " 1", "\u0000", ";"))
			.as((document, junk) -> document + junk);
		return Arbitraries.oneOf(prefixes, trailing);
	}

	/**
	 * Any bytes, up to 512: mostly not UTF-8, sometimes empty.
	 * @return the bytes
	 */
	public static Arbitrary<byte[]> garbage() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
	}

	/**
	 * Bytes that are certainly not UTF-8: some text with a byte sequence UTF-8 never has.
	 * @param texts the text to spoil
	 * @return the bytes
	 */
	public static Arbitrary<byte[]> notUtf8(Arbitrary<String> texts) {
		Arbitrary<byte[]> invalid = Arbitraries.of(new byte[] { (byte) 0xC3, (byte) 0x28 }, new byte[] { (byte) 0xFF },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
				new byte[] { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
				new byte[] { (byte) 0xE2, (byte) 0x82 });
		return Combinators.combine(texts, invalid, Arbitraries.integers().between(0, 1000)).as((text, bad, at) -> {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			int position = (bytes.length == 0) ? 0 : at % (bytes.length + 1);
			byte[] spoiled = new byte[bytes.length + bad.length];
			System.arraycopy(bytes, 0, spoiled, 0, position);
			System.arraycopy(bad, 0, spoiled, position, bad.length);
			System.arraycopy(bytes, position, spoiled, position + bad.length, bytes.length - position);
			return spoiled;
		});
	}

	/**
	 * Ids that meet the services' id rule: 1 to {@code maxLength} characters, not blank,
	 * no control characters; ASCII, quotes, backslashes, accented letters, CJK, the euro
	 * sign.
	 * @param maxLength the longest
	 * @return the ids
	 */
	public static Arbitrary<String> ids(int maxLength) {
		return Arbitraries.strings()
			.withCharRange('!', '~')
			.withCharRange('\u00a1', '\u024f')
			.withCharRange('\u4e00', '\u4e3f')
			.withChars('\u20ac', ' ')
			.ofMinLength(1)
			.ofMaxLength(maxLength)
			.filter((id) -> !id.isBlank());
	}

	/**
	 * Strings that break the id rule: empty, blank, longer than {@code maxLength}, or
	 * holding a control character.
	 * @param maxLength the longest valid id
	 * @return the ids
	 */
	public static Arbitrary<String> badIds(int maxLength) {
		Arbitrary<String> blank = Arbitraries.of("", " ", "   ", "\u2003", " \u2002 ");
		Arbitrary<String> tooLong = Arbitraries.integers()
			.between(maxLength + 1, maxLength + 300)
			.map((length) -> "x".repeat(length));
		Arbitrary<String> control = Combinators.combine(ids(20), Arbitraries.chars().range('\u0000', '\u001f'))
			.as((id, c) -> id + c);
		Arbitrary<String> c1 = Combinators.combine(ids(20), Arbitraries.chars().range('\u007f', '\u009f'))
			.as((id, c) -> c + id);
		return Arbitraries.oneOf(blank, tooLong, control, c1);
	}

	/**
	 * JSON values that are not a whole number from {@code min} to {@code max}: numbers
	 * outside the range (also beyond 64 bits), fractions, exponents, numbers as strings,
	 * booleans, arrays, objects.
	 * @param min the least valid number
	 * @param max the greatest valid number
	 * @return the values as JSON text
	 */
	public static Arbitrary<String> badWholeNumbers(long min, long max) {
		List<Tuple.Tuple2<Integer, Arbitrary<String>>> kinds = new ArrayList<>();
		if (min > Long.MIN_VALUE) {
			kinds.add(Tuple.of(2, Arbitraries.longs().between(Long.MIN_VALUE, min - 1).map(String::valueOf)));
		}
		if (max < Long.MAX_VALUE) {
			kinds.add(Tuple.of(2, Arbitraries.longs().between(max + 1, Long.MAX_VALUE).map(String::valueOf)));
		}
		kinds.add(Tuple.of(1, Arbitraries.of("9223372036854775808", "-9223372036854775809",
				"99999999999999999999999999", "1" + "0".repeat(400))));
		kinds.add(Tuple.of(2,
				Arbitraries.doubles().between(-1e6, 1e6).filter((d) -> d != Math.rint(d)).map(String::valueOf)));
		kinds.add(Tuple.of(3, Arbitraries.of("1.0", "1e20", "1E2", "2e-1", "-0.0", "\"1\"", "\"\"", "true", "false",
				"[1]", "{}", "[]", "\"one\"")));
		return Arbitraries.frequencyOf(kinds);
	}

	/**
	 * JSON values that are not strings.
	 * @return the values as JSON text
	 */
	public static Arbitrary<String> notStrings() {
		return Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf), Arbitraries.of("true", "false", "1.5"),
				Arbitraries.recursive(HostileJson::scalars, HostileJson::containers, 2)
					.filter((value) -> value.startsWith("[") || value.startsWith("{")));
	}

	/**
	 * Content types a JSON API does not read.
	 * @return the types
	 */
	public static Arbitrary<String> notJsonContentTypes() {
		return Arbitraries.of("text/plain", "text/html", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "application/octet-stream", "image/png", "application/jsonx",
				"application/x-json-stream", "text/json-ish", "application/yaml");
	}

	/**
	 * Content types that name JSON but with a twist (a charset that is not the body's, or
	 * none that exists): a service must answer 2xx or 4xx, never 5xx.
	 * @return the types
	 */
	public static Arbitrary<String> oddJsonContentTypes() {
		return Arbitraries.of("application/json; charset=utf-8", "application/json;charset=UTF-16",
				"application/json; charset=ISO-8859-1", "application/json; charset=bogus",
				"application/json; charset=\"utf-8\"", "application/json; x=y", "application/problem+json",
				"application/vnd.api+json", "APPLICATION/JSON");
	}

	private static Arbitrary<String> scalars() {
		Arbitrary<String> numbers = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
				Arbitraries.longs().map(String::valueOf), Arbitraries.doubles().map(String::valueOf),
				Arbitraries.of("1e400", "-0", "0.0", "1E-7", "123456789012345678901234567890"));
		Arbitrary<String> strings = Arbitraries.strings().all().ofMaxLength(30).map(HostileJson::quote);
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("null", "true", "false")), Tuple.of(3, numbers),
				Tuple.of(4, strings));
	}

	private static Arbitrary<String> containers(Arbitrary<String> inner) {
		Arbitrary<String> arrays = inner.list().ofMaxSize(4).map((values) -> "[" + String.join(",", values) + "]");
		// distinct keys: a repeated key is a case of its own for the services' tests
		Arbitrary<String> objects = Arbitraries.strings()
			.ofMaxLength(10)
			.list()
			.uniqueElements()
			.ofMaxSize(4)
			.flatMap((keys) -> inner.list().ofSize(keys.size()).map((values) -> {
				StringBuilder object = new StringBuilder("{");
				for (int i = 0; i < keys.size(); i++) {
					object.append((i > 0) ? "," : "").append(quote(keys.get(i))).append(':').append(values.get(i));
				}
				return object.append('}').toString();
			}));
		return Arbitraries.oneOf(inner, arrays, objects);
	}

}
