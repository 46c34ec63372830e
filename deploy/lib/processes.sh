# Shared by the deploy scripts that run daemons as plain processes (sourced, not run).
# Each caller defines log().

# kill -0 also succeeds for zombies (if nothing reaps orphans, as in some containers),
# so look at the process state as well.
proc_alive() {
  kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# stop_process PID NAME SECONDS: SIGTERM (a clean shutdown), then SIGKILL after SECONDS.
stop_process() {
  local pid="$1" name="$2" seconds="$3"
  log "stopping $name (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((seconds * 2))); do
    proc_alive "$pid" || return 0
    sleep 0.5
  done
  log "$name did not stop within ${seconds}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 1
}
