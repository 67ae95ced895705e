"""Prints, as one JSON object, what psutil (Debian python3-psutil 5.9.4) reports for each pid given on the command
line, plus the host facts. Run with /usr/bin/python3. Values psutil refuses (zombies, kernel threads) are null."""
import json
import sys

import psutil


def attempt(function):
    try:
        return function()
    except (psutil.ZombieProcess, psutil.AccessDenied, NotImplementedError):
        return None


def faults(pid):
    # psutil 5.9 has no page_faults() (6.0 added it): read the same stat fields it would, 10 and 12.
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return {"minor": int(fields[7]), "major": int(fields[9])}


def snapshot(pid):
    p = psutil.Process(pid)
    with p.oneshot():
        cpu = p.cpu_times()
        mem = p.memory_info()
        io = attempt(p.io_counters)
        ctx = p.num_ctx_switches()
        limit = attempt(lambda: p.rlimit(psutil.RLIMIT_NOFILE))
        return {
            "pid": pid,
            "name": p.name(),
            "status": p.status(),
            "ppid": p.ppid(),
            "create_time": p.create_time(),
            "cpu_user": cpu.user,
            "cpu_system": cpu.system,
            "cpu_children_user": cpu.children_user,
            "cpu_children_system": cpu.children_system,
            "rss": mem.rss,
            "vms": mem.vms,
            "shared": mem.shared,
            "memory_percent": p.memory_percent(),
            "num_threads": p.num_threads(),
            "num_fds": attempt(p.num_fds),
            "io": None if io is None else {
                "read_count": io.read_count, "write_count": io.write_count,
                "read_bytes": io.read_bytes, "write_bytes": io.write_bytes,
                "read_chars": io.read_chars, "write_chars": io.write_chars,
            },
            "ctx_voluntary": ctx.voluntary,
            "ctx_involuntary": ctx.involuntary,
            "faults": faults(pid),
            "cmdline": attempt(p.cmdline),
            "exe": attempt(p.exe),
            "cwd": attempt(p.cwd),
            "uid": p.uids().real,
            "username": p.username(),
            "nice": p.nice(),
            "children": sorted(c.pid for c in p.children()),
            "open_files": attempt(lambda: len(p.open_files())),
            "connections": attempt(lambda: len(p.connections("inet"))),
            "fd_limit": None if limit is None or limit[0] == psutil.RLIM_INFINITY else limit[0],
        }


print(json.dumps({
    "boot_time": psutil.boot_time(),
    "mem_total": psutil.virtual_memory().total,
    "processes": [snapshot(int(pid)) for pid in sys.argv[1:]],
}))
