package org.checkoutsaga.launcher.check;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.checkoutsaga.launcher.DevCredentials;

/**
 * {@code launcher check}: runs the {@link SuiteChecker} against a running suite, any
 * deployment, and prints its report. Exit status 0 when every guarantee holds and nothing
 * is still running, 1 when not, 2 when the services cannot be read.
 */
public final class CheckCommand {

	/** Exit status when every guarantee holds. */
	public static final int OK = 0;

	/** Exit status when a guarantee is broken or a checkout is still running. */
	public static final int NOT_OK = 1;

	/** Exit status for a bad command line or a service that cannot be read. */
	public static final int FAILED = 2;

	private CheckCommand() {
	}

	/**
	 * @param args {@code --orchestrator=URL --stock=URL --receipts=URL --api-key=KEY}
	 * @param out where the report goes
	 * @param err where errors go
	 * @return the exit status
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("orchestrator", "http://127.0.0.1:8080");
		options.put("stock", "http://127.0.0.1:8081");
		options.put("receipts", "http://127.0.0.1:8082");
		options.put("api-key", DevCredentials.OPERATOR);
		for (String arg : args) {
			if (arg.equals("--help")) {
				out.println(usage());
				return OK;
			}
			int equals = arg.indexOf('=');
			String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : null;
			if (name == null || !options.containsKey(name)) {
				err.println("Unexpected argument: " + arg);
				err.println(usage());
				return FAILED;
			}
			options.put(name, arg.substring(equals + 1));
		}
		SuiteReader reader = new SuiteReader(options.get("orchestrator"), options.get("stock"), options.get("receipts"),
				options.get("api-key"));
		out.printf("Cross-service check of orchestrator %s, stock %s, receipts %s%n", reader.orchestratorUrl(),
				reader.stockUrl(), reader.receiptUrl());
		CheckReport report;
		try {
			report = new SuiteChecker(reader).check();
		}
		catch (SuiteReader.UnreadableException ex) {
			err.println("Could not read the suite: " + ex.getMessage());
			return FAILED;
		}
		out.println(report.format());
		return report.ok() ? OK : NOT_OK;
	}

	static String usage() {
		return """
				Usage: launcher check [--orchestrator=http://127.0.0.1:8080] [--stock=http://127.0.0.1:8081]
				                      [--receipts=http://127.0.0.1:8082] [--api-key=KEY]
				Reads every checkout, stock ledger entry and receipt over HTTP and checks what spans the services:
				one receipt per COMPLETED checkout and none for others, stock movements of REJECTED checkouts net
				to zero per item and those of COMPLETED ones equal their quantities, the stock audit is clean, no
				checkout is still RUNNING. Run it with the suite at rest. The API key needs role OPERATOR on every
				service (default: the local run's dev-operator-key). Exit status 0 ok, 1 not ok, 2 unreadable.""";
	}

}
