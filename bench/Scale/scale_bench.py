#!/usr/bin/python3
"""Scale and overhead of mcp-otel-agent against Debian's prometheus-process-exporter, in the same run on the same
processes: N real sleepers (10, 100, 1,000), each its own server for the agent (a pid target) and its own group for
process-exporter (a cmdline regex capture), both collected once a second (the agent samples on its 1 s interval; the
exporter collects when scraped, so it is scraped once a second), both scraped every --scrape-interval seconds over a
kept-alive connection, as Prometheus does (1 by default, so both collect once a second; 15 is Prometheus's default).

Reports per N and per tool: CPU per process per collection, CPU as % of one core, RSS, /metrics latency p50/p99,
series count. Usage:  /usr/bin/python3 bench/Scale/scale_bench.py --agent PATH [--sizes 10,100,1000] [--window 30] [--scrape-interval 1]
[--exporter-args '-gather-smaps=false -threads=false']  (the exporter runs with its package defaults unless told).
PATH is the Native AOT binary (bin/.../publish/mcp-otel-agent) or the framework-dependent mcp-otel-agent.dll.
Loopback only; every process it starts is killed by pid at the end.
"""
import argparse, http.client, json, os, signal, socket, subprocess, sys, tempfile, threading, time, urllib.parse, urllib.request

TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (man 5 proc: fields 14 and 15)


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def get(url, timeout=30):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as r:
        body = r.read()
    return time.perf_counter() - start, body


def wait_ready(url, proc, what, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            sys.exit(f"{what} exited with {proc.returncode}")
        try:
            get(url, timeout=5)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{what} not ready at {url}")


def percentile(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))] if s else float("nan")


def series(body):
    return sum(1 for line in body.decode().splitlines() if line and not line.startswith("#"))


class Scraper(threading.Thread):
    """Scrapes one URL every `interval` seconds over one kept-alive connection, as Prometheus does (its scrape client
    reuses connections), keeping latencies and the last body. A failed scrape drops the connection; the next opens one."""

    def __init__(self, url, interval):
        super().__init__(daemon=True)
        self.url, self.interval, self.latencies, self.errors, self.body, self.stop = url, interval, [], 0, b"", threading.Event()
        self.connection = None

    def scrape(self):
        target = urllib.parse.urlsplit(self.url)
        if self.connection is None:
            self.connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        start = time.perf_counter()
        self.connection.request("GET", target.path)
        response = self.connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - start
        if response.status != 200:
            raise OSError(f"{self.url}: HTTP {response.status}")
        return elapsed, body

    def run(self):
        nxt = time.monotonic()
        while not self.stop.is_set():
            try:
                elapsed, self.body = self.scrape()
                self.latencies.append(elapsed)
            except (OSError, http.client.HTTPException):
                self.errors += 1
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
            nxt += self.interval
            self.stop.wait(max(0.0, nxt - time.monotonic()))
        if self.connection is not None:
            self.connection.close()


def agent_command(path, port, config):
    base = ["dotnet", path] if path.endswith(".dll") else [path]
    return base + ["run", "--urls", f"http://127.0.0.1:{port}", "--config", config]


def run_size(n, args, workdir):
    sleepers = [subprocess.Popen(["bash", "-c", f"exec -a scale-bench-{i} sleep 36000"]) for i in range(n)]
    procs = []
    try:
        time.sleep(0.5)
        config = os.path.join(workdir, f"agent-{n}.json")
        with open(config, "w") as f:
            json.dump({"Agent": {
                "MonitoringIntervalSeconds": 1, "MaxTargets": n + 10,
                "Discovery": {"Enabled": False},
                "Servers": {f"s{i}": {"Pid": p.pid, "IncludeChildren": False} for i, p in enumerate(sleepers)},
            }, "Logging": {"LogLevel": {"Default": "Warning"}}}, f)
        pe_config = os.path.join(workdir, "process-exporter.yml")
        with open(pe_config, "w") as f:
            f.write("process_names:\n  - name: \"{{.Matches.id}}\"\n    cmdline:\n      - 'scale-bench-(?P<id>\\d+)'\n")

        agent_port, pe_port = free_port(), free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MCPOTEL_", "OTEL_", "ASPNETCORE_"))}
        agent = subprocess.Popen(agent_command(args.agent, agent_port, config), env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(agent)
        pe = subprocess.Popen(["prometheus-process-exporter", "-config.path", pe_config,
                               "-web.listen-address", f"127.0.0.1:{pe_port}", *args.exporter_args.split()],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(pe)
        agent_url, pe_url = f"http://127.0.0.1:{agent_port}/metrics", f"http://127.0.0.1:{pe_port}/metrics"
        wait_ready(agent_url, agent, "the agent")
        wait_ready(pe_url, pe, "process-exporter")

        scrapers = [Scraper(agent_url, args.scrape_interval), Scraper(pe_url, args.scrape_interval)]
        for s in scrapers:
            s.start()
        time.sleep(args.warmup)
        for s in scrapers:
            s.latencies.clear()
        start = time.monotonic()
        cpu0 = [cpu_seconds(agent.pid), cpu_seconds(pe.pid)]
        time.sleep(args.window)
        cpu1 = [cpu_seconds(agent.pid), cpu_seconds(pe.pid)]
        wall = time.monotonic() - start
        for s in scrapers:
            s.stop.set()
        for s in scrapers:
            s.join()

        rows = []
        for name, proc, scraper, c0, c1 in [("mcp-otel-agent", agent, scrapers[0], cpu0[0], cpu1[0]),
                                            ("process-exporter", pe, scrapers[1], cpu0[1], cpu1[1])]:
            cpu = c1 - c0
            collections = wall if name == "mcp-otel-agent" else len(scraper.latencies)
            rows.append({
                "tool": name, "processes": n,
                "cpu_ms_per_process_collection": 1000 * cpu / (n * collections) if collections else float("nan"),
                "cpu_percent_of_one_core": 100 * cpu / wall,
                "rss_mib": rss_mib(proc.pid),
                "scrape_p50_ms": 1000 * percentile(scraper.latencies, 50),
                "scrape_p99_ms": 1000 * percentile(scraper.latencies, 99),
                "scrapes": len(scraper.latencies), "scrape_errors": scraper.errors,
                "series": series(scraper.body),
            })
        return rows
    finally:
        for p in procs + sleepers:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
            p.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agent", required=True)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--window", type=float, default=30)
    parser.add_argument("--scrape-interval", type=float, default=1.0,
                        help="seconds between scrapes of each tool (the exporter collects once per scrape)")
    parser.add_argument("--exporter-args", default="",
                        help="extra process-exporter flags, e.g. '-gather-smaps=false -threads=false' for a lighter baseline")
    parser.add_argument("--json", help="also write the rows here")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="mcp-otel-scale-") as workdir:
        for n in (int(x) for x in args.sizes.split(",")):
            rows += run_size(n, args, workdir)
            print(f"done: {n} processes", file=sys.stderr)

    header = "| tool | processes | CPU ms / process / collection | CPU % of one core | RSS MiB | /metrics p50 ms | /metrics p99 ms | series |"
    print(header)
    print("|" + "---|" * 8)
    for r in rows:
        print(f"| {r['tool']} | {r['processes']} | {r['cpu_ms_per_process_collection']:.4f} | {r['cpu_percent_of_one_core']:.2f} | "
              f"{r['rss_mib']:.1f} | {r['scrape_p50_ms']:.1f} | {r['scrape_p99_ms']:.1f} | {r['series']} |")
    print()
    by = {(r["tool"], r["processes"]): r for r in rows}
    for n in sorted({r["processes"] for r in rows}):
        a, p = by[("mcp-otel-agent", n)], by[("process-exporter", n)]
        print(f"{n} processes: CPU per process-collection agent/exporter = "
              f"{a['cpu_ms_per_process_collection'] / p['cpu_ms_per_process_collection']:.3f}; "
              f"scrape p50 exporter/agent = {p['scrape_p50_ms'] / a['scrape_p50_ms']:.1f}x; "
              f"p99 exporter/agent = {p['scrape_p99_ms'] / a['scrape_p99_ms']:.1f}x")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)


if __name__ == "__main__":
    main()
