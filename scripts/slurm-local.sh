#!/usr/bin/env bash
# A throw-away single-node Slurm cluster in one folder, for tests and for trying the
# job-array sweep on one machine (docs/sweeps.md):
#
#   scripts/slurm-local.sh start DIR   # writes DIR/slurm.conf, starts munged, slurmctld, slurmd
#   SLURM_CONF=DIR/slurm.conf sbatch ...
#   scripts/slurm-local.sh stop DIR    # stops the three daemons it started (by their pid files)
#
# Needs Debian's slurmctld, slurmd, slurm-client and munge, and root (slurmd starts job
# steps as the submitting user). Nothing outside DIR is written: a fresh munge key, the
# daemons' state, spool, logs and pid files all live there. Process tracking is
# proctrack/linuxproc and task/none, so no cgroups are needed; select/cons_tres hands out
# the node's cores one per task. Ports: SLURM_LOCAL_PORT (slurmctld, default 16817) and
# the next one (slurmd).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(realpath -m "$2")

fail() { echo "slurm-local: $*" >&2; exit 1; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every second until it succeeds
  local seconds=$1 what=$2; shift 2
  for _ in $(seq "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  fail "$what did not come up within ${seconds}s; see the logs in $dir/log"
}

write_conf() {
  local host port node
  host=$(hostname -s)
  port=${SLURM_LOCAL_PORT:-16817}
  # The node line as slurmd detects this machine (CPUs, sockets, cores, memory).
  node=$(slurmd -C | head -n 1)
  cat >"$dir/slurm.conf" <<CONF
ClusterName=tulip-local
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd.%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
$node State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
  [ "$(id -u)" -eq 0 ] || fail "needs root (slurmd launches jobs as the submitting user)"
  for tool in munged mungekey slurmctld slurmd sinfo; do
    command -v "$tool" >/dev/null || fail "$tool not found; install Debian's packages: apt-get install --no-install-recommends slurmctld slurmd slurm-client munge"
  done
  mkdir -p "$dir"/{munge,state,spool,run,log}
  chmod 0700 "$dir/munge"
  mungekey --create --keyfile="$dir/munge/munge.key" --force
  munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
  write_conf
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -i
  wait_for 60 slurmctld scontrol ping
  slurmd
  wait_for 60 "the node" bash -c "sinfo --noheader --responding --states=idle,mixed,allocated --format=%N | grep -q ."
  echo "slurm-local: up in $dir (export SLURM_CONF=$dir/slurm.conf)"
}

stop_daemon() { # stop_daemon NAME: TERM by its pid file, then KILL if it lingers
  local pidfile="$dir/run/$1.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
  for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

stop() {
  stop_daemon slurmd
  stop_daemon slurmctld
  stop_daemon munged
}

case $action in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
