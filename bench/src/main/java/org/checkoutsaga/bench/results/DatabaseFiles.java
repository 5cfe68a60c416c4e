package org.checkoutsaga.bench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The size of the local suite's H2 files ({@code *.mv.db} in its data folder). H2 never
 * compacts them while the services run ({@code WRITE_DELAY=0} stops its background
 * thread), so what they grow by per checkout is what the durable state costs on disk,
 * out-of-date pages included.
 */
public final class DatabaseFiles {

	private DatabaseFiles() {
	}

	/**
	 * @param folder the suite's data folder
	 * @return the bytes of its H2 files
	 */
	public static long bytes(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".mv.db")).mapToLong((file) -> {
				try {
					return Files.size(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the suite's data folder " + folder, ex);
		}
	}

}
