#!/usr/bin/env bash
# Builds the suite and runs it locally in one JVM: a real Kafka broker (in-process,
# KRaft), H2 files under ./data, and the orchestrator (8080), stock (8081) and
# receipt (8082) services. Needs only a JDK 17+. Ctrl-C stops everything.
#
#   ./run-local.sh                                  # data in ./data, Kafka on 9092
#   ./run-local.sh --suite.data-dir=/tmp/saga --suite.seed.quantity=500
#   ./run-local.sh --help
#
# JAVA_OPTS adds JVM options (e.g. JAVA_OPTS=-Xmx2g).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

./mvnw -q -DskipTests install

jars=(launcher/target/launcher-*-exec.jar)
if [[ ${#jars[@]} -ne 1 || ! -f ${jars[0]} ]]; then
	echo "Expected one launcher/target/launcher-*-exec.jar, found: ${jars[*]}" >&2
	exit 1
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java -Xmx1g ${JAVA_OPTS:-} -jar "${jars[0]}" "$@"
