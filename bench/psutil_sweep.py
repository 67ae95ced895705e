"""Times psutil (Debian python3-psutil 5.9.4, run with /usr/bin/python3) over the fields of the agent's extended
sample, for the pids given on the command line: once without children() and once with it. Prints JSON with
wall and CPU microseconds per process. Process objects are created once and reused across rounds, as an agent would."""
import json
import sys
import time

import psutil


def sample(p, with_children):
    with p.oneshot():
        p.cpu_times()
        p.memory_info()
        p.memory_percent()
        p.status()
        p.create_time()
        p.num_threads()
        p.num_fds()
        p.io_counters()
        p.num_ctx_switches()
        p.cmdline()
        p.exe()
        p.cwd()
        p.uids()
        p.username()
        p.nice()
        p.ppid()
        len(p.open_files())
        len(p.connections("inet"))
        p.rlimit(psutil.RLIMIT_NOFILE)
        if with_children:
            p.children()


def time_rounds(processes, rounds, with_children):
    """Wall and CPU (user + system of this process) microseconds per process sample."""
    sample_all(processes, with_children)  # warm-up: imports, caches, first /proc reads
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        sample_all(processes, with_children)
    per = 1e6 / (rounds * len(processes))
    return {"wall_us": (time.perf_counter() - wall) * per, "cpu_us": (time.process_time() - cpu) * per}


def sample_all(processes, with_children):
    for p in processes:
        sample(p, with_children)


rounds_plain = int(sys.argv[1])
rounds_children = int(sys.argv[2])
processes = [psutil.Process(int(pid)) for pid in sys.argv[3:]]
print(json.dumps({
    "without_children": time_rounds(processes, rounds_plain, False),
    "with_children": time_rounds(processes, rounds_children, True),
}))
