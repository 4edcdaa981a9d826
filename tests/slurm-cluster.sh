#!/usr/bin/env bash
# slurm-cluster.sh start|stop DIR — a one-node Slurm cluster for the tests, as root, from
# Debian's slurmctld, slurmd, slurm-client and munge packages: munged, slurmctld and slurmd
# with their configuration, key, sockets, spool, state, pid files and logs all under DIR,
# on ports of their own (ProctrackType=proctrack/linuxproc, TaskPlugin=task/none: no cgroups,
# no systemd). `start` waits until the node is idle and prints the line to use it:
#   export SLURM_CONF=DIR/slurm.conf
# `stop` ends the three daemons and waits for them. Exit status: 0; 1 when a daemon does not
# come up (the logs' tails are printed); 2 usage.
set -u
cmd=${1:-} dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
	echo "usage: slurm-cluster.sh start|stop DIR" >&2
	exit 2
fi
mkdir -p "$dir" || exit 1
dir=$(cd "$dir" && pwd)
conf=$dir/slurm.conf

stop() {
	local f p
	for f in slurmd slurmctld munged; do
		[ -f "$dir/$f.pid" ] || continue
		p=$(cat "$dir/$f.pid" 2>/dev/null)
		[ -n "$p" ] && kill "$p" 2>/dev/null
	done
	for _ in $(seq 50); do
		local alive=0
		for f in slurmd slurmctld munged; do
			p=$(cat "$dir/$f.pid" 2>/dev/null)
			[ -n "$p" ] && kill -0 "$p" 2>/dev/null && alive=1
		done
		[ "$alive" = 0 ] && break
		sleep 0.1
	done
	for f in slurmd slurmctld munged; do
		p=$(cat "$dir/$f.pid" 2>/dev/null)
		[ -n "$p" ] && kill -9 "$p" 2>/dev/null
		rm -f "$dir/$f.pid"
	done
	return 0
}

fail() {
	echo "slurm-cluster: $*" >&2
	for f in munged.log slurmctld.log slurmd.log; do
		[ -f "$dir/$f" ] && { echo "--- $dir/$f" >&2; tail -n 15 "$dir/$f" >&2; }
	done
	stop
	exit 1
}

# a TCP port nobody listens on, from a range away from the usual ones
free_port() {
	local p
	for p in $(seq "$1" $(($1 + 200))); do
		if ! (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	return 1
}

case $cmd in
stop)
	stop
	exit 0
	;;
start) ;;
*)
	echo "usage: slurm-cluster.sh start|stop DIR" >&2
	exit 2
	;;
esac

[ "$(id -u)" = 0 ] || { echo "slurm-cluster: needs root (slurmd runs jobs as any user)" >&2; exit 1; }
for p in munged slurmctld slurmd sinfo sbatch; do
	command -v "$p" >/dev/null 2>&1 || { echo "slurm-cluster: $p not installed (Debian: slurmctld slurmd slurm-client munge)" >&2; exit 1; }
done
stop # leftovers of an earlier run in the same folder

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
cport=$(free_port 16817) || fail "no free port"
dport=$(free_port $((cport + 1))) || fail "no free port"
mkdir -p "$dir/state" "$dir/spool" "$dir/munge" || exit 1
chmod 700 "$dir/munge"

# munge: a key of its own and a socket in DIR
if [ ! -s "$dir/munge/munge.key" ]; then
	dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none || fail "cannot make the munge key"
fi
chmod 400 "$dir/munge/munge.key"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.sock" \
	--pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/munge.seed" ||
	fail "munged did not start"

cat > "$conf" <<EOF
# a one-node test cluster (tests/slurm-cluster.sh)
ClusterName=nftest
SlurmctldHost=$host
SlurmctldPort=$cport
SlurmdPort=$dport
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1,sched_min_interval=100000,defer_batch=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MinJobAge=300
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
EOF
export SLURM_CONF=$conf
slurmctld -f "$conf" || fail "slurmctld did not start"
slurmd -f "$conf" || fail "slurmd did not start"
for _ in $(seq 150); do
	case $(sinfo -h -o %t 2>/dev/null) in
	idle* | mix* | alloc*)
		echo "export SLURM_CONF=$conf"
		exit 0
		;;
	esac
	sleep 0.2
done
fail "the node did not become idle within 30 s ($(sinfo -h -o '%t %E' 2>&1))"
