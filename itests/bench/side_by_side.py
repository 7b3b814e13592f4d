#!/usr/bin/env python3
"""Our listener and sender processes side by side with GStreamer's pipelines on the same stream (issue 14).

    sudo itests/bench/side_by_side.py [--dist distribution/target/liveaudio] [--runs 3] [--seconds 30]

The stream is L16, 48 kHz stereo, 5 ms frames (200 packets/s) on 239.255.0.1:5004. Each measured process runs
alone in its role, one after the other, in a network namespace this script creates for the run and always
removes, so not one packet leaves the machine:

* receivers: our listener (sink=null) and `udpsrc ! rtpjitterbuffer ! rtpL16depay ! fakesink sync=true`, both fed
  by our sender (melody), which is not measured; then five of each at once, summed;
* senders: our sender (melody) and `audiotestsrc ! rtpL16pay ! udpsink`, with nothing but this script's own
  socket receiving.

Per process: CPU in ms per second of wall time from /proc/PID/stat over a window after a warm-up, RSS as the
peak resident set (VmHWM, the largest VmRSS the process had), launch to the first RTP packet on the wire (senders)
and launch to the first frame played (receivers; ours from its "playing stream" log line, GStreamer's from a
second launch whose fakesink stops after one buffer). The table (min / median / max over the runs, and ours over
GStreamer's per run) goes to stdout and to --out. Needs root for the namespace, and GStreamer 1.22 with its good
and base plugins: apt-get install gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-plugins-base.
Without either it says so in one line and exits 0, having measured nothing; without GStreamer, --ours-only
measures our processes alone.
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from namespace import load, multicast_on_loopback, run_inside

GROUP = "239.255.0.1"
PORT = 5004
RATE = 48_000
FRAME_SAMPLES = 240
PACKETS_PER_SECOND = RATE // FRAME_SAMPLES
TICKS = os.sysconf("SC_CLK_TCK")
CAPS = ("application/x-rtp,media=audio,clock-rate=48000,encoding-name=L16,encoding-params=2,channels=2,"
        "payload=96")
GST_RECEIVE = (f"udpsrc address={GROUP} port={PORT} multicast-iface=lo caps={CAPS} ! rtpjitterbuffer latency=32 "
               "! rtpL16depay ! fakesink sync=true")
GST_PLUGINS = ["udpsrc", "udpsink", "rtpjitterbuffer", "rtpL16depay", "rtpL16pay", "audiotestsrc", "fakesink"]
INSTALL = "apt-get install gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-plugins-base"
SO_TIMESTAMPNS = 35  # Linux; Python's socket module does not name it
# How long any one process may take to show its first packet or frame before the run is given up.
START_TIMEOUT = 20.0
# The bundles ARCHITECTURE.md puts in every process (bundle/: SCR, ConfigAdmin with MetaType, FileInstall, Gogo,
# the log, and what SCR needs), by file name: the framework alone, which the floor below measures.
FRAMEWORK_BUNDLES = ("org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.metatype",
                     "org.apache.felix.fileinstall", "org.apache.felix.gogo.", "jline-", "org.apache.felix.log",
                     "org.liveaudio.log", "org.osgi.")
# How many receivers of each kind the crowd rows run at once.
CROWD = 5
# How long after launch the framework alone is read: past its start and its shell's.
FLOOR_SETTLE = 5.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", default=str(Path(__file__).resolve().parents[2] / "distribution/target/liveaudio"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=30.0, help="CPU window per process")
    parser.add_argument("--warmup", type=float, default=10.0, help="from launch to the CPU window")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "target/reports/side-by-side.md"))
    parser.add_argument("--ours-only", action="store_true", help="measure our processes without GStreamer's")
    parser.add_argument("--source", default="melody", choices=["melody", "tone"],
                        help="our sender's source (melody: a synthesized tune with harmonics; tone: one sine, as "
                             "audiotestsrc's)")
    parser.add_argument("--java-opts", default="", help="more options for our JVMs, after bin/liveaudio's own")
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return measure(args)
    if os.geteuid() != 0:
        print("side-by-side benchmark skipped: it needs root to create a private network namespace "
              "(run it with sudo); nothing was measured")
        return 0
    if not args.ours_only and missing_gstreamer():
        print(f"side-by-side benchmark skipped: GStreamer 1.22 is missing ({missing_gstreamer()}); install it with "
              f"`{INSTALL}`, or pass --ours-only to measure our processes alone")
        return 0
    if not (Path(args.dist) / "bin/liveaudio").is_file():
        print(f"side-by-side benchmark skipped: no distribution in {args.dist} (build it: mvn -B package -DskipTests)")
        return 0
    return run_inside(str(Path(__file__).resolve()), "side-by-side")


def missing_gstreamer():
    """What of GStreamer is missing, or an empty string."""
    if shutil.which("gst-launch-1.0") is None or shutil.which("gst-inspect-1.0") is None:
        return "no gst-launch-1.0"
    absent = [p for p in GST_PLUGINS
              if subprocess.run(["gst-inspect-1.0", p], capture_output=True).returncode != 0]
    return ", ".join("no " + p for p in absent)


def measure(args):
    # Multicast on lo only: the namespace has no other interface, and GStreamer sends by the route.
    multicast_on_loopback()
    work = Path(tempfile.mkdtemp(prefix="liveaudio-bench-"))
    dist = Path(args.dist).resolve()
    configs = write_configs(work, args.source)
    configs["java"] = args.java_opts.split()
    gst = not args.ours_only
    print(f"side by side: {dist} ({args.source}), {args.runs} runs, {args.warmup:.0f} s warm-up + {args.seconds:.0f} s measured "
          f"per process, load {load()}")
    rows = {k: [] for k in ("our listener", "GStreamer receiver", f"{CROWD} of our listeners at once (sum)",
                            f"{CROWD} GStreamer receivers at once (sum)", "our sender", "GStreamer sender")}
    floor = []
    try:
        prime(dist, configs, work)
        alone = framework_alone(dist, work)
        for run in range(1, args.runs + 1):
            with Process.ours(dist, "sender", configs, work, f"feed-{run}") as feed:
                Wire().first_packet(feed, close=True)
                time.sleep(2)  # the feed past its first second, when its JIT is busiest
                rows["our listener"].append(our_listener(dist, configs, work, run, args))
                if gst:
                    rows["GStreamer receiver"].append(gst_receiver(work, run, args))
                rows[f"{CROWD} of our listeners at once (sum)"].append(our_listeners(dist, configs, work, run, args))
                if gst:
                    rows[f"{CROWD} GStreamer receivers at once (sum)"].append(gst_receivers(work, run, args))
            rows["our sender"].append(our_sender(dist, configs, work, run, args))
            if gst:
                rows["GStreamer sender"].append(gst_sender(work, run, args))
            floor.append(bare_start(alone, work, run))
            print(f"run {run} done, load {load()}")
    finally:
        Process.stop_all()
    publish(table(rows, args, dist) + floor_table(floor), args.out, work)
    return 0


def publish(report, out, work):
    """Prints the report and writes it to out; says where the processes' logs stay."""
    print(report)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(report)
    print(f"written to {out}; the processes' logs and output are in {work}")


def prime(dist, configs, work):
    """Launches each of our roles once, unmeasured: a distribution's first run of a role writes the class-data
    archive that its later runs start from (bin/liveaudio), so a fresh build is measured as it runs from then on."""
    with Process.ours(dist, "sender", configs, work, "prime-sender") as sender:
        Wire().first_packet(sender, close=True)
        with Process.ours(dist, "listener", configs, work, "prime-listener") as listener:
            listener.logged(r"listener bench: playing stream ssrc")


def framework_alone(dist, work):
    """A copy of the distribution with the framework every process runs and nothing else: no application in
    deploy/, no web console in bundle/, no configuration. Started once, unmeasured, for its class-data archive."""
    alone = work / "framework-alone"
    for part in ("bin", "conf"):
        shutil.copytree(dist / part, alone / part)
    for folder in ("bundle", "deploy", "config/sender"):
        (alone / folder).mkdir(parents=True)
    for jar in (dist / "bundle").glob("*.jar"):
        if jar.name.startswith(FRAMEWORK_BUNDLES):
            shutil.copy2(jar, alone / "bundle")
    bare_start(alone, work, "prime")
    return alone


def bare_start(alone, work, run):
    """The framework alone: launch to its shell's prompt, its peak RSS and the CPU it took, read a few seconds after
    launch."""
    launched = time.time()
    with Process([str(alone / "bin/liveaudio"), "sender", f"-Dliveaudio.log.file={work / f'alone-{run}.log'}"],
                 work, f"alone-{run}") as framework:
        prompt = framework.printed("g! ")
        time.sleep(max(0.0, FLOOR_SETTLE - framework.age()))
        framework.check()
        return {"prompt": prompt - launched, "rss": framework.peak_rss_mib(),
                "cpu_ms": framework.cpu_ticks() * 1000.0 / TICKS}


def write_configs(work, source):
    sender = work / "sender"
    listener = work / "listener"
    sender.mkdir()
    listener.mkdir()
    common = f"group={GROUP}\nport={PORT}\ninterface=lo\ncodec=L16\npayloadType=96\nsampleRate={RATE}\nchannels=2\n"
    (sender / "org.liveaudio.sender.cfg").write_text(
        common + f"ttl=1\nsource={source}\ntoneHz=440\nframeMillis=5\nplayoutDelayMillis=32.5\nsdpFile={work}/bench.sdp\n")
    (listener / "org.liveaudio.listener-bench.cfg").write_text(
        common + f"name=bench\nsink=null\nbufferMillis=20\nfile={work}/bench.wav\n")
    return {"sender": sender, "listener": listener}


def our_listener(dist, configs, work, run, args):
    launched = time.time()
    with Process.ours(dist, "listener", configs, work, f"listener-{run}") as listener:
        played = listener.logged(r"listener bench: playing stream ssrc")
        figures = listener.steady(args)
    return dict(figures, first_frame=played - launched)


def our_listeners(dist, configs, work, run, args):
    """CROWD listener processes, each launched once the one before plays (so that each finds its console's port
    taken and takes the next, as a second listener from one folder does), measured together."""
    crowd = []
    try:
        for one in range(CROWD):
            crowd.append(Process.ours(dist, "listener", configs, work, f"crowd-{run}-{one}"))
            crowd[-1].logged(r"listener bench: playing stream ssrc")
        return Process.steady_together(crowd, args)
    finally:
        for listener in crowd:
            listener.stop()


def gst_receivers(work, run, args):
    crowd = [Process.gst(GST_RECEIVE.split(), work, f"gst-crowd-{run}-{one}") for one in range(CROWD)]
    try:
        return Process.steady_together(crowd, args)
    finally:
        for receiver in crowd:
            receiver.stop()


def gst_receiver(work, run, args):
    launched = time.time()
    with Process.gst(["-v"] + (GST_RECEIVE + " silent=false num-buffers=1").split(), work, f"gst-first-{run}") as first:
        played = first.printed("last-message = chain")
    with Process.gst(GST_RECEIVE.split(), work, f"gst-receiver-{run}") as receiver:
        figures = receiver.steady(args)
    return dict(figures, first_frame=played - launched)


def our_sender(dist, configs, work, run, args):
    wire = Wire()
    launched = time.time()
    with Process.ours(dist, "sender", configs, work, f"sender-{run}") as sender:
        first = wire.first_packet(sender)
        figures = sender.steady(args, wire)
    return dict(figures, first_packet=first - launched)


def gst_sender(work, run, args):
    # Bounded: audiotestsrc stops after the warm-up, the window and a minute to spare.
    buffers = int((args.warmup + args.seconds + 60) * PACKETS_PER_SECOND)
    send = (f"audiotestsrc is-live=true wave=sine samplesperbuffer={FRAME_SAMPLES} num-buffers={buffers} "
            f"! audio/x-raw,format=S16BE,rate={RATE},channels=2 ! rtpL16pay pt=96 min-ptime=5000000 "
            f"max-ptime=5000000 ! udpsink host={GROUP} port={PORT} multicast-iface=lo ttl-mc=1 auto-multicast=true")
    wire = Wire()
    launched = time.time()
    with Process.gst(send.split(), work, f"gst-sender-{run}") as sender:
        first = wire.first_packet(sender)
        figures = sender.steady(args, wire)
    return dict(figures, first_packet=first - launched)


class Process:
    """One measured or feeding process, killed when its block ends or the run fails."""
    started = []

    def __init__(self, command, work, name, cwd=None):
        self.name = name
        self.output = work / f"{name}.out"
        self.log = work / f"{name}.log"
        with open(self.output, "w") as out:
            # stdin stays open and empty: our framework's shell ends when it closes.
            self.popen = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=out,
                                          stderr=subprocess.STDOUT)
        Process.started.append(self)

    @classmethod
    def ours(cls, dist, role, configs, work, name):
        config = configs["listener" if role == "listener" else "sender"]
        return cls([str(dist / "bin/liveaudio"), role, f"-Dfelix.fileinstall.dir=deploy,{config}",
                    f"-Dliveaudio.log.file={work / (name + '.log')}"] + configs["java"], work, name)

    @classmethod
    def gst(cls, pipeline, work, name):
        return cls(["gst-launch-1.0"] + pipeline, work, name)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()

    def alive(self):
        return self.popen.poll() is None

    def stop(self):
        if self.alive():
            self.popen.terminate()
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        if self.popen.stdin:
            self.popen.stdin.close()

    @classmethod
    def stop_all(cls):
        for process in cls.started:
            process.stop()

    def logged(self, pattern):
        """The wall-clock time of the first line of our log matching pattern (the log has milliseconds)."""
        deadline = time.time() + START_TIMEOUT
        while time.time() < deadline:
            if self.log.exists():
                for line in self.log.read_text(errors="replace").splitlines():
                    if re.search(pattern, line):
                        return datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S.%f").timestamp()
            self.check()
            time.sleep(0.1)
        raise RuntimeError(f"{self.name}: no log line matching '{pattern}' within {START_TIMEOUT} s")

    def printed(self, text):
        """The time the process first printed a line holding text, watched as it comes."""
        deadline = time.time() + START_TIMEOUT
        seen = 0
        while time.time() < deadline:
            content = self.output.read_text(errors="replace")
            if text in content[seen:]:
                return time.time()
            seen = max(0, len(content) - len(text))
            if not self.alive():
                break
            time.sleep(0.001)
        raise RuntimeError(f"{self.name}: did not print '{text}' within {START_TIMEOUT} s")

    def check(self):
        if not self.alive():
            raise RuntimeError(f"{self.name} ended early (exit {self.popen.returncode}); see {self.output}")

    def steady(self, args, wire=None):
        """CPU over the window that starts after the warm-up, peak RSS, and the wire's regularity if watched."""
        time.sleep(max(0.0, args.warmup - self.age()))
        self.check()
        if wire:
            wire.watch()
        ticks, began = self.cpu_ticks(), time.monotonic()
        time.sleep(args.seconds)
        self.check()
        ticks, wall = self.cpu_ticks() - ticks, time.monotonic() - began
        figures = {"cpu": ticks * 1000.0 / TICKS / wall, "rss": self.peak_rss_mib()}
        if wire:
            figures.update(wire.regularity())
        return figures

    @staticmethod
    def steady_together(processes, args):
        """CPU summed over one window after the warm-up of the last launched, and the peak RSS summed."""
        time.sleep(max(0.0, args.warmup - processes[-1].age()))
        for process in processes:
            process.check()
        ticks, began = sum(p.cpu_ticks() for p in processes), time.monotonic()
        time.sleep(args.seconds)
        for process in processes:
            process.check()
        ticks, wall = sum(p.cpu_ticks() for p in processes) - ticks, time.monotonic() - began
        return {"cpu": ticks * 1000.0 / TICKS / wall, "rss": sum(p.peak_rss_mib() for p in processes)}

    def age(self):
        ticks_since_boot = int(self.stat()[19])
        return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks_since_boot / TICKS

    def stat(self):
        """Fields of /proc/PID/stat from the state on (the command name may hold spaces)."""
        text = Path(f"/proc/{self.popen.pid}/stat").read_text()
        return text[text.rindex(")") + 2:].split()

    def cpu_ticks(self):
        fields = self.stat()
        return int(fields[11]) + int(fields[12])  # utime + stime

    def peak_rss_mib(self):
        for line in Path(f"/proc/{self.popen.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
        raise RuntimeError(f"{self.name}: no VmHWM")


class Wire(threading.Thread):
    """A plain socket in the group on lo: when the first RTP packet came, and how regularly the rest came."""

    def __init__(self):
        super().__init__(name="bench-wire", daemon=True)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((GROUP, PORT))
        self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                             socket.inet_aton(GROUP) + socket.inet_aton("127.0.0.1"))
        self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.sock.settimeout(0.5)
        self.first = None
        self.arrivals = []
        self.watching = False
        self.start()

    def run(self):
        while True:
            try:
                packet, ancillary, _, _ = self.sock.recvmsg(2048, 64)
            except socket.timeout:
                continue
            except OSError:
                return
            # The kernel's arrival time, not this thread's, which a busy machine delays by milliseconds.
            arrived = next(struct.unpack("qq", data[:16]) for level, kind, data in ancillary
                           if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS)
            arrived_ns = arrived[0] * 1_000_000_000 + arrived[1]
            if self.first is None:
                self.first = arrived_ns / 1e9
            if self.watching and len(packet) >= 12:
                self.arrivals.append((arrived_ns, struct.unpack_from("!I", packet, 4)[0]))

    def first_packet(self, process, close=False):
        deadline = time.time() + START_TIMEOUT
        while self.first is None and time.time() < deadline:
            process.check()
            time.sleep(0.001)
        if self.first is None:
            raise RuntimeError(f"{process.name}: no RTP packet within {START_TIMEOUT} s")
        if close:
            self.sock.close()
        return self.first

    def watch(self):
        self.watching = True

    def regularity(self):
        """RFC 3550 interarrival jitter (its running estimate at the end) and the p99 spread of arrivals around
        the grid the timestamps set, in microseconds."""
        self.watching = False
        arrivals = list(self.arrivals)
        self.sock.close()
        if len(arrivals) < 2:
            return {"jitter_us": float("nan"), "spread_us": float("nan")}
        jitter = 0.0
        transit = [t - ts * 1_000_000_000 // RATE for t, ts in arrivals]
        for a, b in zip(transit, transit[1:]):
            jitter += (abs(b - a) - jitter) / 16
        middle = statistics.median(transit)
        spread = sorted(abs(x - middle) for x in transit)
        return {"jitter_us": jitter / 1000, "spread_us": spread[int(0.99 * (len(spread) - 1))] / 1000}


def spread(values, digits=0):
    values = [v for v in values if v == v]
    if not values:
        return "—"
    low, mid, high = min(values), statistics.median(values), max(values)
    cells = [f"{v:.{digits}f}" for v in (low, mid, high)]
    return cells[0] if len(set(cells)) == 1 else " / ".join(cells)


def ratios(ours, theirs, key):
    return [o[key] / t[key] for o, t in zip(ours, theirs) if t[key] > 0]


def table(rows, args, dist):
    lines = [f"Side by side, {datetime.now().strftime('%Y-%m-%d %H:%M')}, {args.runs} runs of "
             f"{args.seconds:.0f} s after {args.warmup:.0f} s, {os.cpu_count()} cores, load at the end {load()}; "
             f"ours: {dist}; min / median / max over the runs.", "",
             "| process | CPU ms/s | RSS peak MiB | launch → first RTP ms | launch → first frame played ms "
             "| wire: RFC 3550 jitter µs | wire: arrivals' p99 spread µs |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, runs in rows.items():
        if not runs:
            continue
        lines.append(f"| {name} | {spread([r['cpu'] for r in runs], 1)} | {spread([r['rss'] for r in runs], 1)} | "
                     f"{spread([r.get('first_packet', float('nan')) * 1000 for r in runs])} | "
                     f"{spread([r.get('first_frame', float('nan')) * 1000 for r in runs])} | "
                     f"{spread([r.get('jitter_us', float('nan')) for r in runs], 1)} | "
                     f"{spread([r.get('spread_us', float('nan')) for r in runs])} |")
    pairs = [("listener", "our listener", "GStreamer receiver"),
             (f"{CROWD} listeners", f"{CROWD} of our listeners at once (sum)",
              f"{CROWD} GStreamer receivers at once (sum)"),
             ("sender", "our sender", "GStreamer sender")]
    if any(rows[theirs] for _, _, theirs in pairs):
        lines += ["", "| ours / GStreamer's, per run | CPU | RSS |", "|---|---:|---:|"]
        for role, ours, theirs in pairs:
            lines.append(f"| {role} | {spread(ratios(rows[ours], rows[theirs], 'cpu'), 2)}× | "
                         f"{spread(ratios(rows[ours], rows[theirs], 'rss'), 1)}× |")
    return "\n".join(lines) + "\n"


def floor_table(floor):
    if not floor:
        return ""
    return "\n".join([
        "", "The framework alone, the floor under both roles (Felix, SCR, ConfigAdmin, FileInstall, Gogo and the log, "
        f"started by bin/liveaudio with its JVM options; no application, no web console), read {FLOOR_SETTLE:.0f} s "
        "after launch:", "",
        "| process | RSS peak MiB | launch → shell prompt ms | CPU from launch ms |", "|---|---:|---:|---:|",
        f"| the framework alone | {spread([r['rss'] for r in floor], 1)} | "
        f"{spread([r['prompt'] * 1000 for r in floor])} | {spread([r['cpu_ms'] for r in floor])} |"]) + "\n"


if __name__ == "__main__":
    sys.exit(main())
