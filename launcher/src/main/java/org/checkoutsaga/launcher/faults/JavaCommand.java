package org.checkoutsaga.launcher.faults;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.checkoutsaga.launcher.LauncherApplication;

/**
 * How to run the launcher again in a new JVM: the same {@code java} binary as this JVM,
 * and either {@code -jar} the executable launcher jar this JVM runs from, or {@code -cp}
 * this JVM's class path and the launcher's main class (in tests, after
 * {@code ./mvnw test}, without packaged jars).
 *
 * @param java the java binary
 * @param launch the arguments that name the code to run
 * @param jvmOptions options every child JVM gets
 */
record JavaCommand(String java, List<String> launch, List<String> jvmOptions) {

	JavaCommand {
		launch = List.copyOf(launch);
		jvmOptions = List.copyOf(jvmOptions);
	}

	/**
	 * The launcher as this JVM runs it.
	 * @param jvmOptions options for every child JVM, e.g. {@code -XX:+UseSerialGC}
	 * @return the command
	 */
	static JavaCommand ofThisJvm(List<String> jvmOptions) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("java.class.path");
		List<String> launch = isExecutableJar(classPath) ? List.of("-jar", classPath)
				: List.of("-cp", classPath, LauncherApplication.class.getName());
		return new JavaCommand(java, launch, jvmOptions);
	}

	/**
	 * @param heap the child's maximum heap, e.g. {@code 384m}
	 * @param systemProperties {@code -D} options, as {@code name=value}
	 * @param args the launcher's arguments
	 * @return the whole command line
	 */
	List<String> command(String heap, List<String> systemProperties, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.add("-Xmx" + heap);
		command.addAll(this.jvmOptions);
		systemProperties.forEach((property) -> command.add("-D" + property));
		command.addAll(this.launch);
		command.addAll(args);
		return command;
	}

	/** A Spring Boot executable jar: it names a Start-Class for its own launcher. */
	private static boolean isExecutableJar(String classPath) {
		if (classPath == null || !classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)
				|| !Files.isRegularFile(Path.of(classPath))) {
			return false;
		}
		try (JarFile jar = new JarFile(classPath)) {
			Manifest manifest = jar.getManifest();
			return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
