#!/usr/bin/env bash
# A single-node Apache Kafka broker (KRaft, combined broker + controller) for development and CI.
#
#   bash infra/kafka/kafka.sh start    fetch the jars if needed, start the broker, wait until it answers
#   bash infra/kafka/kafka.sh stop     stop the broker this script started and delete its data
#   bash infra/kafka/kafka.sh status   exit 0 when a broker answers on the port, 1 otherwise
#   bash infra/kafka/kafka.sh fetch    only resolve the jars into the cache
#
# The jars come from Maven Central through Maven (pom.xml beside this script) and are cached in
# KAFKA_CACHE_DIR (default ~/.cache/ehcp-kafka/<version>). The broker listens on 127.0.0.1:KAFKA_PORT (9092),
# its controller on 127.0.0.1:KAFKA_CONTROLLER_PORT (9093); its data, pid file and log live in KAFKA_STATE_DIR
# (default ${TMPDIR:-/tmp}/ehcp-kafka-<port>) and are recreated on every start. A broker already answering on
# the port is reused, whoever started it.
#
# Two authenticated listeners beside PLAINTEXT, for testing the service's SASL and TLS settings:
#   SASL_PLAINTEXT on 127.0.0.1:KAFKA_SCRAM_PORT (9094)      SCRAM-SHA-512
#   SASL_SSL       on 127.0.0.1:KAFKA_SCRAM_TLS_PORT (9095)  SCRAM-SHA-512 over TLS, a self-signed certificate
# with one development user, KAFKA_SCRAM_USER / KAFKA_SCRAM_PASSWORD (ehcp-dev / ehcp-dev-secret), created when the
# storage is formatted. The certificate (for IP 127.0.0.1 and localhost) is made with keytool at each start; its
# PEM, the CA a client must trust, is ${KAFKA_STATE_DIR}/tls/broker-ca.pem. These credentials are for development
# and CI only.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_SCRAM_PORT="${KAFKA_SCRAM_PORT:-9094}"
KAFKA_SCRAM_TLS_PORT="${KAFKA_SCRAM_TLS_PORT:-9095}"
KAFKA_SCRAM_USER="${KAFKA_SCRAM_USER:-ehcp-dev}"
KAFKA_SCRAM_PASSWORD="${KAFKA_SCRAM_PASSWORD:-ehcp-dev-secret}"
KAFKA_CACHE_DIR="${KAFKA_CACHE_DIR:-${HOME:-/root}/.cache/ehcp-kafka/${KAFKA_VERSION}}"
KAFKA_STATE_DIR="${KAFKA_STATE_DIR:-${TMPDIR:-/tmp}/ehcp-kafka-${KAFKA_PORT}}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

LIB_DIR="${KAFKA_CACHE_DIR}/libs"
READY_MARKER="${KAFKA_CACHE_DIR}/.complete"
PID_FILE="${KAFKA_STATE_DIR}/kafka.pid"
LOG_FILE="${KAFKA_STATE_DIR}/kafka.log"
DATA_DIR="${KAFKA_STATE_DIR}/data"
CONFIG_FILE="${KAFKA_STATE_DIR}/server.properties"
TLS_DIR="${KAFKA_STATE_DIR}/tls"
KEYSTORE_FILE="${TLS_DIR}/broker.p12"
CA_FILE="${TLS_DIR}/broker-ca.pem"

log() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

port_answers() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && printf '%s' "$pid"
}

require_java() {
  command -v java >/dev/null 2>&1 ||
    die "java is not installed or not on PATH: Kafka ${KAFKA_VERSION} needs Java 17 or later (Debian: apt-get install openjdk-17-jre-headless)"
  local version major
  version="$(java -version 2>&1 | awk -F '"' '/version/ { print $2; exit }')"
  major="${version%%.*}"
  [[ "$major" == "1" ]] && major="$(cut -d. -f2 <<<"$version")"
  [[ "$major" =~ ^[0-9]+$ ]] || die "could not read the Java version from 'java -version' (got '${version}')"
  ((major >= 17)) || die "Java ${version} is too old: Kafka ${KAFKA_VERSION} needs Java 17 or later"
}

fetch() {
  if [[ -f "$READY_MARKER" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 ||
    die "mvn is not installed or not on PATH: it fetches the Kafka jars from Maven Central (Debian: apt-get install maven)"
  log "fetching Apache Kafka ${KAFKA_VERSION} from Maven Central into ${KAFKA_CACHE_DIR}"
  mkdir -p "$KAFKA_CACHE_DIR"
  local staging
  staging="$(mktemp -d "${KAFKA_CACHE_DIR}/.libs.XXXXXX")"
  if ! mvn -q -B -Dstyle.color=never -f "${SCRIPT_DIR}/pom.xml" -Dkafka.version="${KAFKA_VERSION}" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$staging" >"${staging}.mvn.log" 2>&1; then
    cat "${staging}.mvn.log" >&2
    rm -rf "$staging" "${staging}.mvn.log"
    die "Maven could not resolve org.apache.kafka:kafka_2.13:${KAFKA_VERSION} and its runtime dependencies"
  fi
  rm -f "${staging}.mvn.log"
  [[ -f "${staging}/kafka_2.13-${KAFKA_VERSION}.jar" ]] || die "Maven finished but kafka_2.13-${KAFKA_VERSION}.jar is missing"
  rm -rf "$LIB_DIR"
  mv "$staging" "$LIB_DIR"
  printf '%s\n' "$KAFKA_VERSION" >"$READY_MARKER"
}

# A Kafka cluster id is 16 random bytes in URL-safe base64 without padding; Kafka refuses ids starting with '-'.
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && printf '%s' "$id" && return 0
  done
}

# A self-signed certificate for the SASL_SSL listener, valid for 127.0.0.1 and localhost, with its PEM for clients.
# The keystore password only guards a throw-away development key in a private folder.
make_certificate() {
  command -v keytool >/dev/null 2>&1 || die "keytool (part of the Java runtime) is not on PATH"
  rm -rf "$TLS_DIR"
  mkdir -p "$TLS_DIR"
  chmod 700 "$TLS_DIR"
  KEYSTORE_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')"
  keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 30 -dname "CN=localhost" \
    -ext "SAN=ip:${KAFKA_HOST},dns:localhost" -keystore "$KEYSTORE_FILE" -storetype PKCS12 \
    -storepass "$KEYSTORE_PASSWORD" -keypass "$KEYSTORE_PASSWORD" >/dev/null 2>&1 ||
    die "keytool could not make the broker's certificate"
  keytool -exportcert -rfc -alias broker -keystore "$KEYSTORE_FILE" -storetype PKCS12 \
    -storepass "$KEYSTORE_PASSWORD" -file "$CA_FILE" >/dev/null 2>&1 || die "keytool could not export the certificate"
  chmod 600 "$KEYSTORE_FILE"
}

write_config() {
  cat >"$CONFIG_FILE" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT},SCRAM://${KAFKA_HOST}:${KAFKA_SCRAM_PORT},SCRAM_TLS://${KAFKA_HOST}:${KAFKA_SCRAM_TLS_PORT}
advertised.listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT},SCRAM://${KAFKA_HOST}:${KAFKA_SCRAM_PORT},SCRAM_TLS://${KAFKA_HOST}:${KAFKA_SCRAM_TLS_PORT}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SCRAM:SASL_PLAINTEXT,SCRAM_TLS:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.scram.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.scram_tls.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.scram_tls.ssl.keystore.type=PKCS12
listener.name.scram_tls.ssl.keystore.location=${KEYSTORE_FILE}
listener.name.scram_tls.ssl.keystore.password=${KEYSTORE_PASSWORD}
listener.name.scram_tls.ssl.key.password=${KEYSTORE_PASSWORD}
log.dirs=${DATA_DIR}
num.network.threads=2
num.io.threads=4
num.partitions=3
default.replication.factor=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
}

java_command() {
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several JVM flags
  printf '%s\0' java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent \
    -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=${SCRIPT_DIR}/log4j2.properties" \
    "-Dkafka.logs.dir=${KAFKA_STATE_DIR}/logs" \
    -cp "${LIB_DIR}/*"
}

# A reused broker started by an older copy of this script has no SCRAM listeners; the tests that need them say so.
warn_without_scram() {
  if ! port_answers "$KAFKA_HOST" "$KAFKA_SCRAM_PORT"; then
    log "no SCRAM listener answers on ${KAFKA_HOST}:${KAFKA_SCRAM_PORT}: that broker predates it; stop and start it to add it"
  fi
}

start() {
  if port_answers "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "a broker already answers on ${KAFKA_HOST}:${KAFKA_PORT}; reusing it"
    warn_without_scram
    return 0
  fi
  require_java
  fetch
  mkdir -p "$KAFKA_STATE_DIR"

  # Two callers starting at once (parallel test runs) must not format the same folder twice.
  exec 8>"${KAFKA_STATE_DIR}/.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w "$KAFKA_START_TIMEOUT" 8 || die "timed out waiting for another start of the broker"
  fi
  if port_answers "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "a broker already answers on ${KAFKA_HOST}:${KAFKA_PORT}; reusing it"
    warn_without_scram
    return 0
  fi

  local pid
  if pid="$(broker_pid)"; then
    log "broker process ${pid} is running but not answering yet; waiting for it"
  else
    local name port
    for name in CONTROLLER SCRAM SCRAM_TLS; do
      port="KAFKA_${name}_PORT"
      port="${!port}"
      if port_answers "$KAFKA_HOST" "$port"; then
        die "port ${port} (${name,,} listener) is taken by another process; set KAFKA_${name}_PORT"
      fi
    done
    rm -rf "$DATA_DIR" "${KAFKA_STATE_DIR}/logs"
    mkdir -p "$DATA_DIR" "${KAFKA_STATE_DIR}/logs"
    make_certificate
    write_config
    chmod 600 "$CONFIG_FILE"
    local -a cmd
    mapfile -d '' cmd < <(java_command)
    log "formatting storage in ${DATA_DIR}"
    if ! "${cmd[@]}" kafka.tools.StorageTool format --standalone --cluster-id "$(random_cluster_id)" \
      --config "$CONFIG_FILE" --add-scram "SCRAM-SHA-512=[name=${KAFKA_SCRAM_USER},password=${KAFKA_SCRAM_PASSWORD}]" \
      >"$LOG_FILE" 2>&1; then
      tail -n 40 "$LOG_FILE" >&2 || true
      die "formatting the broker storage failed"
    fi
    log "starting Kafka ${KAFKA_VERSION} on ${KAFKA_HOST}:${KAFKA_PORT} (log: ${LOG_FILE})"
    if command -v setsid >/dev/null 2>&1; then
      nohup setsid "${cmd[@]}" kafka.Kafka "$CONFIG_FILE" >>"$LOG_FILE" 2>&1 </dev/null 8>&- &
    else
      nohup "${cmd[@]}" kafka.Kafka "$CONFIG_FILE" >>"$LOG_FILE" 2>&1 </dev/null 8>&- &
    fi
    pid=$!
    printf '%s\n' "$pid" >"$PID_FILE"
  fi

  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 60 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "the broker exited during start-up (log above, full log: ${LOG_FILE})"
    fi
    if grep -q 'Kafka Server started' "$LOG_FILE" 2>/dev/null && port_answers "$KAFKA_HOST" "$KAFKA_PORT"; then
      log "broker ready on ${KAFKA_HOST}:${KAFKA_PORT} after $((SECONDS + KAFKA_START_TIMEOUT - deadline)) s (pid ${pid})"
      return 0
    fi
    sleep 0.5
  done
  tail -n 60 "$LOG_FILE" >&2 || true
  die "the broker did not accept connections within ${KAFKA_START_TIMEOUT} s (log above, full log: ${LOG_FILE})"
}

stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    if port_answers "$KAFKA_HOST" "$KAFKA_PORT"; then
      log "a broker answers on ${KAFKA_HOST}:${KAFKA_PORT} but was not started from ${KAFKA_STATE_DIR}; leaving it"
    else
      log "no broker running"
    fi
    return 0
  fi
  log "stopping broker (pid ${pid})"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "broker did not stop within 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  rm -rf "$DATA_DIR"
}

status() {
  if port_answers "$KAFKA_HOST" "$KAFKA_PORT"; then
    local pid
    if pid="$(broker_pid)"; then
      echo "running on ${KAFKA_HOST}:${KAFKA_PORT}, SCRAM on ${KAFKA_SCRAM_PORT} and ${KAFKA_SCRAM_TLS_PORT} (pid ${pid}, log ${LOG_FILE})"
    else
      echo "a broker answers on ${KAFKA_HOST}:${KAFKA_PORT} (not started from ${KAFKA_STATE_DIR})"
    fi
    return 0
  fi
  echo "not running on ${KAFKA_HOST}:${KAFKA_PORT}"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  fetch)
    require_java
    fetch
    ;;
  *)
    echo "usage: $0 start|stop|status|fetch" >&2
    exit 2
    ;;
esac
