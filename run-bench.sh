#!/usr/bin/env bash
# Builds the launcher and the benchmark and measures the suite as users run it: by default
# it starts the suite the way ./run-local.sh does, in a process of its own
#   java -Xmx1g $SUITE_JAVA_OPTS -jar launcher/target/launcher-*-exec.jar --suite.data-dir=<temp dir>
# (Kafka broker, three services, H2 files, the dashboard; ports 9092, 8080-8082, 8090; its
# output goes to <report>/suite.log), and drives it from the benchmark's own JVM through
# Kafka and REST. It warms the suite up for 5 min (untimed rounds of 2000 checkouts), then
# measures the thesis' bursts (100, 500, 1000), sustained runs (10,000 and 50,000) and
# scarce stock, and prints the table, one JSON line per run and, per run, the suite's CPU
# per checkout by component (jcmd Thread.print + /proc). It stops the suite (SIGTERM) at
# the end, also on Ctrl-C. Charts and a summary go to ./bench-report/<timestamp>.
# Needs only a JDK 17+.
#
#   ./run-bench.sh                                   # everything (takes a while)
#   ./run-bench.sh --quick                           # a smoke run
#   ./run-bench.sh --runs=kafka-spread-1000,rest-hot-500 --seed=7
#   ./run-bench.sh --orchestrator-url=http://127.0.0.1:8080 --stock-url=http://127.0.0.1:8081 \
#                  --receipt-url=http://127.0.0.1:8082 --kafka=127.0.0.1:9092   # a running suite
#   ./run-bench.sh --in-process --quick             # diagnostic: the suite in the benchmark's JVM
#   ./run-bench.sh --help
#
# SUITE_JAVA_OPTS adds options to the suite's JVM (after -Xmx1g), JAVA_OPTS to the
# benchmark's (default heap 1 GB, 2 GB with --in-process, where the suite shares it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

./mvnw -q -DskipTests -pl launcher,bench -am package

jars=(bench/target/bench-*-exec.jar)
if [[ ${#jars[@]} -ne 1 || ! -f ${jars[0]} ]]; then
	echo "Expected one bench/target/bench-*-exec.jar, found: ${jars[*]}" >&2
	exit 1
fi
heap=1g
for arg in "$@"; do
	[[ $arg == --in-process ]] && heap=2g
done
# JAVA_HOME picks the JDK of both JVMs, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./run-bench.sh
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx$heap ${JAVA_OPTS:-} -jar "${jars[0]}" "$@"
