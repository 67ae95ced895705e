#!/usr/bin/env bash
# Captures the real /proc fixtures under proc/ from live processes of this machine (a python process holding a
# file and a TCP listener, a kernel thread, a zombie). Links (exe, cwd, fd/N) go to a "links" manifest (name TAB
# target): the tests turn it into symlinks in a temporary copy, because links to / or /tmp inside the repository send
# tools that follow links (MSBuild globs, BenchmarkDotNet) across the whole file system. The hostile cases are written
# by hand (see README.md); re-run this only to refresh captures.
set -euo pipefail
cd "$(dirname "$0")"
out=proc

copy_pid() { # pid name
  local pid=$1 dir=$out/$2
  rm -rf "$dir"; mkdir -p "$dir/fd"; touch "$dir/fd/.gitkeep"
  for f in stat statm status io limits cmdline; do cat "/proc/$pid/$f" > "$dir/$f"; done
  for l in exe cwd; do t=$(readlink "/proc/$pid/$l" 2>/dev/null) && printf '%s\t%s\n' "$l" "$t" >> "$dir/links"; done
  for fd in $(ls "/proc/$pid/fd" 2>/dev/null | sort -n); do
    t=$(readlink "/proc/$pid/fd/$fd") && printf 'fd/%s\t%s\n' "$fd" "$t" >> "$dir/links"
  done
  return 0
}

python_script='
import os, socket, sys, time
f = open("/etc/passwd")
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM); s.bind(("127.0.0.1", 0)); s.listen()
pid = os.fork()
if pid == 0:
    os._exit(0)
time.sleep(0.3)
print(pid, flush=True)
sys.stdin.read()
'
coproc PY { cd /tmp && exec /usr/bin/python3 -c "$python_script" "--fixture arg" 2>/dev/null; }
read -r zombie <&"${PY[0]}"
python_pid=$PY_PID

rm -rf "$out"; mkdir -p "$out/net"
copy_pid "$python_pid" "$python_pid"
copy_pid "$zombie" "$zombie"
copy_pid 2 2
grep -E '^(MemTotal|MemFree|MemAvailable):' /proc/meminfo > "$out/meminfo"
grep -E '^(cpu |btime|processes)' /proc/stat > "$out/stat"
for t in tcp tcp6 udp udp6; do cat "/proc/net/$t" > "$out/net/$t"; done
exec {PY[1]}>&-
wait "$python_pid" || true
echo "python=$python_pid zombie=$zombie kthread=2"
