package org.checkoutsaga.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body limit: refused on the declared length alone or after reading one byte past it,
 * passed on unchanged otherwise.
 */
class BodySizeLimitFilterTests {

	private final BodySizeLimitFilter filter = new BodySizeLimitFilter(DataSize.ofBytes(10));

	private final AtomicReference<String> seen = new AtomicReference<>();

	private final FilterChain chain = (request, response) -> this.seen
		.set(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

	@Test
	void passesABodyWithinTheLimitOnUnchanged() throws Exception {
		MockHttpServletResponse response = filter(post("0123456789", true));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(this.seen).hasValue("0123456789");
	}

	@Test
	void refusesADeclaredLengthOverTheLimitWithoutReadingIt() throws Exception {
		MockHttpServletResponse response = filter(post("0123456789A", true));

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(response.getContentAsString());
		assertThat(problem.get("title").asString()).isEqualTo("Request body too large");
		assertThat(problem.get("status").asInt()).isEqualTo(413);
		assertThat(problem.get("maxBodyBytes").asLong()).isEqualTo(10);
		assertThat(problem.get("instance").asString()).isEqualTo("/things");
		assertThat(this.seen).hasNullValue();
	}

	@Test
	void refusesAChunkedBodyOnceItPassesTheLimit() throws Exception {
		MockHttpServletRequest request = post("0123456789A", false);
		request.addHeader("Transfer-Encoding", "chunked");

		MockHttpServletResponse response = filter(request);

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(this.seen).hasNullValue();
	}

	@Test
	void passesAChunkedBodyWithinTheLimitOn() throws Exception {
		MockHttpServletRequest request = post("{\"a\":1}", false);
		request.addHeader("Transfer-Encoding", "chunked");

		MockHttpServletResponse response = filter(request);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(this.seen).hasValue("{\"a\":1}");
	}

	private MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, this.chain);
		return response;
	}

	private static MockHttpServletRequest post(String body, boolean declareLength) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/things");
		request.setContentType("application/json");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		if (!declareLength) {
			// MockHttpServletRequest derives the length from the content; a chunked
			// request has none
			request.removeHeader("Content-Length");
		}
		return request;
	}

}
