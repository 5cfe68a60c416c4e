package org.checkoutsaga.bench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseFilesTests {

	@TempDir
	Path folder;

	@Test
	void addsUpTheH2FilesOfTheFolderOnly() throws IOException {
		Files.write(this.folder.resolve("checkout-orchestrator.mv.db"), new byte[3000]);
		Files.write(this.folder.resolve("receipt-service.mv.db"), new byte[500]);
		Files.write(this.folder.resolve("checkout-orchestrator.trace.db"), new byte[7000]);
		Files.createDirectories(this.folder.resolve("kafka"));
		Files.write(this.folder.resolve("kafka").resolve("log.mv.db"), new byte[9000]);

		assertThat(DatabaseFiles.bytes(this.folder)).isEqualTo(3500);
	}

	@Test
	void aMissingFolderIsAnError() {
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> DatabaseFiles.bytes(this.folder.resolve("gone")))
			.withMessageContaining("gone");
	}

}
