#!/usr/bin/env bash
# Builds the suite and runs the fault-injection suite: the Kafka broker and the three
# services as separate processes (logs and data under the report dir), a load of
# checkouts over REST and Kafka per scenario, faults injected (kill -9, stop, freeze,
# broker restart, contention), invariants checked, and a fixed-format report printed.
# Needs only a JDK 17+. Exit status 0 when every scenario that ran passed.
#
#   ./run-faults.sh                                  # every scenario, 3000 checkouts each, 30 s outage
#   ./run-faults.sh --seed=7 --scenarios=kill-orchestrator,contention --checkouts=1000
#   ./run-faults.sh --help
#
# JAVA_OPTS adds options to the JVM that drives the run (not to the services).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# package, not install: the launcher takes the other modules from this build
./mvnw -q -DskipTests -pl launcher -am package

jars=(launcher/target/launcher-*-exec.jar)
if [[ ${#jars[@]} -ne 1 || ! -f ${jars[0]} ]]; then
	echo "Expected one launcher/target/launcher-*-exec.jar, found: ${jars[*]}" >&2
	exit 1
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java -Xmx512m ${JAVA_OPTS:-} -jar "${jars[0]}" faults "$@"
