# Sourced by bin/gateway and the benchmarks: the JVM options the gateway runs with.

# Prints $JAVA_OPTS, led by -XX:+UseZGC unless they choose a garbage collector themselves. ZGC's pauses stay under a
# millisecond; G1's young-generation pauses (10 to 50 ms, every second or two at 1,000 calls/s on 2 cores) made most
# of the gateway's p99 latency (docs/benchmarks.md, "Latency the gateway adds per call"). On JDK 21 and 22 ZGC is
# made generational (the only kind from JDK 23): its threads spent half the CPU at 1,000 streams. $1 is the java command
# (default: java).
gateway_java_options() {
  local options=${JAVA_OPTS:-}
  if [[ ! " $options " =~ \ -XX:\+Use[A-Za-z0-9]*GC\  ]]; then
    case "$(java_feature_version "${1:-java}")" in
      21 | 22) options="-XX:+UseZGC -XX:+ZGenerational $options" ;;
      *) options="-XX:+UseZGC $options" ;;
    esac
  fi
  echo "$options"
}

# The feature release of a java command: 17 for "17.0.15", 25 for "25.0.3".
java_feature_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}
