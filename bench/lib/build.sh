# Sourced by the bench commands: the build, the benchmarks' classpath, and the machine the figures come from.

# Builds what the benchmark runs: build_bench test-compile (classes only) or build_bench package (the jar too).
build_bench() {
  mvn -B -q -Dstyle.color=never -DskipTests "$1" dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
}

bench_classpath() {
  echo "target/test-classes:target/classes:$(cat target/bench.classpath)"
}

print_machine() {
  echo "$(date -u '+%F %H:%M UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -1);" \
    "${GATEWAY_JAVA:+the gateway on $("$GATEWAY_JAVA" -version 2>&1 | head -1); }load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
