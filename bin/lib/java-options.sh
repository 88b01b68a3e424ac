# Sourced by bin/gateway and the benchmarks: the JVM options the gateway runs with.

# Prints $JAVA_OPTS, led by -XX:+UseZGC unless they choose a garbage collector themselves. ZGC's pauses stay under a
# millisecond; G1's young-generation pauses (10 to 50 ms, every second or two at 1,000 calls/s on 2 cores) made most
# of the gateway's p99 latency (docs/benchmarks.md, "Latency the gateway adds per call").
gateway_java_options() {
  local options=${JAVA_OPTS:-}
  if [[ ! " $options " =~ \ -XX:\+Use[A-Za-z0-9]*GC\  ]]; then
    options="-XX:+UseZGC $options"
  fi
  echo "$options"
}
