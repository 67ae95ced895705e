namespace McpOtelAgent.Probes.Tests.Linux;

/// <summary>Small python programs the live tests run; each prints a line starting "ready" once set up, then waits.</summary>
internal static class Scripts
{
    public const string Burner = """
        import sys
        print("ready", flush=True)
        x = 0
        while True:
            x += 1
        """;

    /// <summary>Holds argv[1] open regular files in a temp directory.</summary>
    public const string OpenFiles = """
        import sys, tempfile, os
        d = tempfile.mkdtemp()
        files = [open(os.path.join(d, "f%d" % i), "w") for i in range(int(sys.argv[1]))]
        print("ready", flush=True)
        sys.stdin.read()
        """;

    /// <summary>Holds argv[1] open regular files; opens ten more for every line read from stdin.</summary>
    public const string OpensMoreFiles = """
        import sys, tempfile, os
        d = tempfile.mkdtemp()
        files = [open(os.path.join(d, "f%d" % i), "w") for i in range(int(sys.argv[1]))]
        print("ready", flush=True)
        for line in sys.stdin:
            files += [open(os.path.join(d, "g%d" % (len(files) + i)), "w") for i in range(10)]
            print("opened", len(files), flush=True)
        """;

    /// <summary>Prints "ready", then execs <c>/bin/sleep 1000</c> on the first line read from stdin.</summary>
    public const string ExecsSleepOnRequest = """
        import os, sys
        print("ready", flush=True)
        sys.stdin.readline()
        os.execv("/bin/sleep", ["/bin/sleep", "1000"])
        """;

    /// <summary>A TCP listener on 127.0.0.1 with one accepted connection and a UDP socket.</summary>
    public const string Listener = """
        import socket, sys
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.bind(("127.0.0.1", 0))
        server.listen()
        client = socket.create_connection(server.getsockname())
        accepted, _ = server.accept()
        udp = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        udp.bind(("::1", 0))
        print("ready", server.getsockname()[1], flush=True)
        sys.stdin.read()
        """;

    /// <summary>
    /// A TCP listener and a bound UDP socket on the wildcard address (the only one up in a fresh network namespace),
    /// and a Unix socket pair, which is no inet connection.
    /// </summary>
    public const string WildcardListener = """
        import socket, sys
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.bind(("0.0.0.0", 0))
        server.listen()
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("0.0.0.0", 0))
        pair = socket.socketpair()
        print("ready", flush=True)
        sys.stdin.read()
        """;

    /// <summary>Two sleeping children and a shell with a sleeping grandchild; prints their pids.</summary>
    public const string Tree = """
        import subprocess, sys, time
        a = subprocess.Popen(["/bin/sleep", "1000"])
        b = subprocess.Popen(["/bin/sleep", "1000"])
        c = subprocess.Popen(["/bin/sh", "-c", "/bin/sleep 1000; :"])
        while True:
            try:
                grandchild = int(open("/proc/%d/task/%d/children" % (c.pid, c.pid)).read().split()[0])
                break
            except (IndexError, FileNotFoundError):
                time.sleep(0.01)
        print("ready", a.pid, b.pid, c.pid, grandchild, flush=True)
        sys.stdin.read()
        """;

    /// <summary>Forks a child that exits at once and is never waited for: a zombie.</summary>
    public const string Zombie = """
        import os, sys, time
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        while open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[0] != "Z":
            time.sleep(0.01)
        print("ready", pid, flush=True)
        sys.stdin.read()
        """;
}
