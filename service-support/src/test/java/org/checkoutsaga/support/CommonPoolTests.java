package org.checkoutsaga.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The common pool's parallelism is read once per JVM, so each case runs in a JVM of its
 * own that sees two CPUs.
 */
class CommonPoolTests {

	@Test
	void onTwoCpusAsyncTasksRunOnAThreadPerTaskUnlessThePoolGetsTwoThreads() throws Exception {
		assertThat(runOnTwoCpus(false)).isEqualTo("parallelism=1 pool=false");
		assertThat(runOnTwoCpus(true)).isEqualTo("parallelism=2 pool=true");
	}

	@Test
	void aParallelismSetOnTheCommandLineIsKept() throws Exception {
		assertThat(runOnTwoCpus(true, "-D" + CommonPool.PARALLELISM + "=1")).isEqualTo("parallelism=1 pool=false");
	}

	private static String runOnTwoCpus(boolean apply, String... options) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
						"-XX:ActiveProcessorCount=2"));
		command.addAll(List.of(options));
		command.addAll(
				List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), String.valueOf(apply)));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
	}

	/** What a service's main sees. */
	static final class Probe {

		public static void main(String[] args) {
			if (Boolean.parseBoolean(args[0])) {
				CommonPool.atLeastTwoThreads();
			}
			System.out.println("parallelism=" + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + " pool="
					+ runsAsyncTasksOnAPool());
		}

		/**
		 * Whether CompletableFuture's default executor is a pool, not a thread per task.
		 */
		private static boolean runsAsyncTasksOnAPool() {
			return !new CompletableFuture<Void>().defaultExecutor()
				.getClass()
				.getName()
				.endsWith("ThreadPerTaskExecutor");
		}

	}

}
