package org.checkoutsaga.support;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/**
 * Refuses a request body larger than a limit with a 413 problem, before anything parses
 * it. Neither Tomcat nor Spring MVC bound a JSON body ({@code server.tomcat.max-http-
 * form-post-size} covers form posts only), and Jackson would read any length.
 * <p>
 * A body that declares its {@code Content-Length} is refused on that alone; a chunked one
 * (no length) is read up to one byte past the limit. A body within the limit is handed on
 * as read, so the rest of the chain sees the request unchanged. The problem is
 * {@code {"title": "Request body too large", "status": 413, "maxBodyBytes": ...}}. Its
 * order puts it just after the observation filter, so a refusal still shows up in
 * {@code http.server.requests}, and before any authentication or form filter. Spring Boot
 * registers it for request dispatches only, so an async dispatch does not read the body
 * again.
 */
public class BodySizeLimitFilter extends HttpFilter implements Ordered {

	private static final long serialVersionUID = 1L;

	/** The filter's order: after the observation filter, before everything else. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** The title of the 413 problem. */
	public static final String TITLE = "Request body too large";

	private final long maxBytes;

	/**
	 * A filter with a limit.
	 * @param maxBodySize the largest body accepted
	 */
	public BodySizeLimitFilter(DataSize maxBodySize) {
		if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("A body limit must be between 1 byte and 2 GB, was " + maxBodySize);
		}
		this.maxBytes = maxBodySize.toBytes();
	}

	public long maxBytes() {
		return this.maxBytes;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			refuse(request, response, "declares " + declared + " bytes");
			return;
		}
		if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) this.maxBytes + 1);
		if (body.length > this.maxBytes) {
			refuse(request, response, "is longer");
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String what) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request body "
				+ what + " than the limit of " + this.maxBytes + " bytes; nothing was read or changed");
		problem.setTitle(TITLE);
		problem.setInstance(URI.create(request.getRequestURI()));
		problem.setProperty("maxBodyBytes", this.maxBytes);
		Problems.write(response, problem);
	}

	/** The request with its body already read into memory. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BodyStream(new ByteArrayInputStream(this.body));
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = (getCharacterEncoding() != null) ? getCharacterEncoding() : "UTF-8";
			return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
		}

	}

	private static final class BodyStream extends ServletInputStream {

		private final InputStream in;

		BodyStream(ByteArrayInputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			return this.in.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return this.in.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			try {
				return this.in.available() == 0;
			}
			catch (IOException ex) {
				return true;
			}
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("The body was already read");
		}

	}

}
