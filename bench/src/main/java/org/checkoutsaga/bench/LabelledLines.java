package org.checkoutsaga.bench;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Puts a label in front of every line written through it, but for the JSON lines (which
 * start with <code>{</code> and name their mode in their own fields), so that what the
 * {@code --in-process} diagnostic prints cannot pass for a measurement of the suite as
 * users run it.
 */
final class LabelledLines extends FilterOutputStream {

	private final byte[] label;

	private boolean lineStart = true;

	private LabelledLines(OutputStream out, String label) {
		super(out);
		this.label = label.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * @param out where the lines go
	 * @param label what each line starts with
	 * @return a stream that labels every line but the JSON ones and the empty ones
	 */
	static PrintStream of(PrintStream out, String label) {
		return new PrintStream(new LabelledLines(out, label), true, StandardCharsets.UTF_8);
	}

	@Override
	public void write(int b) throws IOException {
		if (this.lineStart && b != '\n' && b != '\r' && b != '{') {
			this.out.write(this.label);
		}
		this.lineStart = b == '\n';
		this.out.write(b);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		for (int i = offset; i < offset + length; i++) {
			write(bytes[i]);
		}
	}

}
