#!/usr/bin/env bash
# Builds the benchmark and runs it: by default it starts the local suite (LocalSuite: an
# in-process Kafka broker, H2 files in a fresh temporary folder, the three services with
# their shipped durability settings) in its own JVM, warms it up for 5 min (untimed rounds
# of 2000 checkouts), then measures the thesis' bursts (100, 500, 1000), sustained runs (10,000 and
# 50,000) and scarce stock, through Kafka and REST, and prints the table and one JSON line
# per run. Charts and a summary go to ./bench-report/<timestamp>. Needs only a JDK 17+.
#
#   ./run-bench.sh                                   # everything (takes a while)
#   ./run-bench.sh --quick                           # a smoke run
#   ./run-bench.sh --runs=kafka-spread-1000,rest-hot-500 --seed=7
#   ./run-bench.sh --orchestrator-url=http://127.0.0.1:8080 --stock-url=http://127.0.0.1:8081 \
#                  --receipt-url=http://127.0.0.1:8082 --kafka=127.0.0.1:9092   # a running suite
#   ./run-bench.sh --help
#
# JAVA_OPTS adds JVM options (default heap 2 GB: the local suite runs in the same JVM).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

./mvnw -q -DskipTests -pl bench -am package

jars=(bench/target/bench-*-exec.jar)
if [[ ${#jars[@]} -ne 1 || ! -f ${jars[0]} ]]; then
	echo "Expected one bench/target/bench-*-exec.jar, found: ${jars[*]}" >&2
	exit 1
fi
# JAVA_HOME picks the JDK, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./run-bench.sh
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g ${JAVA_OPTS:-} -jar "${jars[0]}" "$@"
