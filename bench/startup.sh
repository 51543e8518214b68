#!/usr/bin/env bash
# Start-up benchmark: wall time from `java -jar` to a 200 on /q/health/ready, Quarkus's own
# "started in" figure, and the resident set size after 60 s idle, over RUNS runs (median printed).
#
#   ./mvnw -B package -DskipTests && bench/startup.sh            # 5 runs, the default flags
#   JAVA_OPTS="-XX:SharedArchiveFile=app-cds.jsa" RUNS=3 bench/startup.sh   # other JVM flags
#
# Prod-like: the prod profile, a real PostgreSQL database (created once, migrated by the first run),
# the example catalogue, a bot token, and Slack and Kubernetes pointed at dead local ports so no run
# reaches the network. Needs psql, curl and PostgreSQL on 127.0.0.1:5432 (trust).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
IDLE=${IDLE:-60}
PORT=${PORT:-18095}
DB=${DB:-ticketsmith_startup}
APP=${APP:-target/quarkus-app}                       # run from here: an AppCDS archive names its jars relative to it
OUT=${OUT:-target/benchmark/startup.md}
JAVA_OPTS=${JAVA_OPTS:-}
mkdir -p "$(dirname "$OUT")"

psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB" >/dev/null

export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
export QUARKUS_HTTP_PORT=$PORT
export SLACK_BOT_TOKEN=xoxb-startup-benchmark SLACK_SIGNING_SECRET=startup-benchmark
export TICKETSMITH_SLACK_API_URL=http://127.0.0.1:9/api/            # discard port: refused at once
# quarkus.kubernetes-client.api-server-url is fixed at build time: the fabric8 client reads KUBERNETES_MASTER at run time
export KUBERNETES_MASTER=https://127.0.0.1:9/
export TICKETSMITH_CATALOG=$PWD/docs/examples/catalog.yaml
export TICKETSMITH_PIPELINE_TOKEN=bench TICKETSMITH_AUDITOR_TOKEN=bench

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# CPU time (user + system) the process used until ready: less sensitive than wall time to other
# builds sharing the machine's two cores
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

ready=(); started=(); rss=(); cpu=()
for i in $(seq 1 "$RUNS"); do
  log="$PWD/target/benchmark/startup-run-$i.log"
  t0=$(now_ms)
  # shellcheck disable=SC2086
  (cd "$APP" && exec java $JAVA_OPTS -jar quarkus-run.jar) >"$log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "run $i: the process exited, see $log" >&2; exit 1; fi
    sleep 0.02
  done
  t1=$(now_ms)
  c=$(cpu_ms "$pid")
  sleep "$IDLE"
  r=$(ps -o rss= -p "$pid" | tr -d ' ')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  s=$(grep -o 'started in [0-9.]*s' "$log" | head -1 | grep -o '[0-9.]*' | awk '{print $1*1000}')
  ready+=($((t1 - t0))); started+=("$s"); rss+=($((r / 1024))); cpu+=("$c")
  echo "run $i: ready after $((t1 - t0)) ms (CPU $c ms), Quarkus started in ${s} ms, RSS after ${IDLE}s idle $((r / 1024)) MiB, load $(cut -d' ' -f1 /proc/loadavg)"
done

{
  echo "| runs | JAVA_OPTS | to ready ms (median) | CPU to ready ms (median) | Quarkus started in ms (median) | idle RSS MiB (median) |"
  echo "|---|---|---|---|---|---|"
  echo "| $RUNS | ${JAVA_OPTS:-(none)} | $(printf '%s\n' "${ready[@]}" | median) | $(printf '%s\n' "${cpu[@]}" | median) | $(printf '%s\n' "${started[@]}" | median) | $(printf '%s\n' "${rss[@]}" | median) |"
  echo
  echo "per run, to ready ms: ${ready[*]}; CPU ms: ${cpu[*]}; started in ms: ${started[*]}; RSS MiB: ${rss[*]}"
} | tee "$OUT"
