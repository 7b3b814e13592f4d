#!/usr/bin/env python3
"""What swapping each bundle costs in the distribution's own processes, one sender and one listener, as a user runs
them (issue 15; HotSwapIT measures 20 listeners and the sender in one framework).

    sudo itests/bench/swaps.py [--dist distribution/target/liveaudio] [--runs 3]

A sender process (melody, L16 in 5 ms frames, the default playout delay of 32.5 ms) and a listener process
(sink=timing, which logs the instant it hands over each frame) run in a network namespace this script creates and always removes, with only lo: not one packet leaves
the machine. A plain socket of this script watches the stream. Through each process's Gogo shell the script updates,
then stops and starts, each implementation bundle in turn, 3 s apart: source, codec, transport and control in the
sender's framework; codec, transport, sink and listener in the listener's. Per swap:

* wire gap: the longest time between two packets on the wire (one frame, 5 ms, is no gap);
* wire late: how much later than its slot the latest packet arrived, its slot set by its RTP timestamp from the
  last packet before the swap (a steady stream shows the wire's jitter; frames sent ahead of a swap arrive early,
  and what a listener must bridge is this, not the gap);
* what the listener counted meanwhile (its listener:stats before and after): lost, late and concealed frames
  (not for the listener bundle, which restarts the listener and its counters);
* listener silent: the longest time the listener handed over no frame of audio (silence and concealment do not
  count), from its timing log, read once the processes have stopped: what a user hears.

The table (min / median / max over the runs) goes to stdout and to --out. Needs root for the namespace; without it
says so in one line and exits 0.
"""
import argparse
import os
import re
import socket
import statistics
import struct
import zlib
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from namespace import load, multicast_on_loopback, run_inside
from side_by_side import GROUP, PORT, RATE, publish, write_configs

SENDER_SWAPS = ["source", "codec", "transport", "control"]
LISTENER_SWAPS = ["codec", "transport", "sink", "listener"]
SETTLE = 3.0
START_TIMEOUT = 30.0
TIMING = "bench.timing"
# The timing log's CRC-32 of a silent frame: 240 samples of 2 channels, 16 bits each.
SILENT_CRC = zlib.crc32(bytes(240 * 2 * 2))
# listener:stats columns, by position: the header's names hold spaces.
LOST, LATE, CONCEALED = 2, 5, 14


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", default=str(Path(__file__).resolve().parents[2] / "distribution/target/liveaudio"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "target/reports/swaps.md"))
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return measure(args)
    if os.geteuid() != 0:
        print("swap benchmark skipped: it needs root for a network namespace of its own")
        return 0
    return run_inside(str(Path(__file__).resolve()), "swaps")


def measure(args):
    multicast_on_loopback()
    work = Path(tempfile.mkdtemp(prefix="liveaudio-swaps-"))
    dist = Path(args.dist).resolve()
    configs = write_configs(work, "melody")
    listen_with_timing(configs, work)
    print(f"swaps: {dist}, {args.runs} runs, load {load()}")
    rows = {}
    for run in range(1, args.runs + 1):
        costs = []
        with Wire() as wire, Shell(dist, "sender", configs, work, f"sender-{run}") as sender, \
                Shell(dist, "listener", configs, work, f"listener-{run}") as listener:
            sender.logged(r"Stream playing")
            listener.logged(r"listener bench: playing stream ssrc")
            time.sleep(SETTLE)
            for name in SENDER_SWAPS:
                for kind in ("update", "stop/start"):
                    costs.append((f"sender: {name} {kind}", swap(sender, name, kind, wire, listener)))
            for name in LISTENER_SWAPS:
                for kind in ("update", "stop/start"):
                    costs.append((f"listener: {name} {kind}", swap(listener, name, kind, wire, listener)))
        handed = handed_over(work / TIMING)
        for swap_name, cost in costs:
            cost["listener silent"] = longest_silence(handed, cost.pop("window"))
            rows.setdefault(swap_name, []).append(cost)
        print(f"run {run} done, load {load()}")
    publish(table(rows, args, dist), args.out, work)
    return 0


def swap(process, name, kind, wire, listener):
    """One swap of org.liveaudio.NAME in process; what it cost."""
    bundle = process.bundle_id("org.liveaudio." + name)
    restarts_listener = process is listener and name == "listener"
    before = None if restarts_listener else listener.stats()
    start = time.time()
    start_monotonic = time.monotonic()
    if kind == "update":
        process.type(f"update {bundle}")
    else:
        process.type(f"stop {bundle}")
        process.type(f"start {bundle}")
    time.sleep(SETTLE)
    cost = {"wire gap": wire.longest_gap(start - 0.05, start + SETTLE - 0.5),
            "wire late": wire.latest(start - 0.05, start + SETTLE - 0.5),
            "window": (start_monotonic - 0.05, start_monotonic + SETTLE - 0.5)}
    if not restarts_listener:
        after = listener.stats()
        for column, index in (("lost", LOST), ("late", LATE), ("concealed", CONCEALED)):
            cost[column] = after[index] - before[index]
    return cost


def listen_with_timing(configs, work):
    """The listener hands its frames to the timing sink, whose log tells when each was handed over."""
    cfg = configs["listener"] / "org.liveaudio.listener-bench.cfg"
    text = cfg.read_text().replace("sink=null", "sink=timing").replace(f"file={work}/bench.wav", f"file={work}/{TIMING}")
    cfg.write_text(text)


def handed_over(timing):
    """From the timing log (flushed when the listener stopped): the instant, in seconds of CLOCK_MONOTONIC as
    time.monotonic() reads it, at which each frame of audio was handed over; silent frames left out."""
    instants = []
    for line in timing.read_text().splitlines():
        fields = line.split()
        if len(fields) == 3 and not line.startswith("#") and int(fields[1], 16) != SILENT_CRC:
            instants.append(int(fields[0]) / 1e9)
    return instants


def longest_silence(instants, window):
    """In ms, the longest time within window between two frames of audio handed over."""
    start, end = window
    inside = [t for t in instants if start <= t <= end]
    if len(inside) < 2:
        return float("nan")
    return max(b - a for a, b in zip(inside, inside[1:])) * 1000


class Shell:
    """One of our processes, driven through its Gogo shell on stdin; killed when its block ends."""

    def __init__(self, dist, role, configs, work, name):
        self.name = name
        self.output = work / f"{name}.out"
        self.log = work / f"{name}.log"
        with open(self.output, "w") as out:
            self.popen = subprocess.Popen(
                [str(dist / "bin/liveaudio"), role, f"-Dfelix.fileinstall.dir=deploy,{configs[role]}",
                 f"-Dliveaudio.log.file={self.log}"],
                stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT, text=True)
        self.marks = 0

    def __enter__(self):
        return self

    def __exit__(self, *_):
        if self.popen.poll() is None:
            self.type("stop 0")
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()

    def type(self, line):
        self.popen.stdin.write(line + "\n")
        self.popen.stdin.flush()

    def printed(self, line):
        """What the shell printed for line: the output up to an echoed marker typed after it."""
        self.marks += 1
        marker = f"end-of-command-{self.marks}"
        seen = len(self.output.read_text(errors="replace"))
        self.type(line)
        self.type(f"echo {marker}")
        deadline = time.time() + START_TIMEOUT
        while time.time() < deadline:
            text = self.output.read_text(errors="replace")
            end = text.find(marker, seen)
            if end >= 0:
                return text[seen:end]
            time.sleep(0.05)
        raise RuntimeError(f"{self.name}: no answer to '{line}' within {START_TIMEOUT} s; see {self.output}")

    def bundle_id(self, symbolic_name):
        for row in self.printed(f"lb -s {symbolic_name}").splitlines():
            match = re.match(r"\s*(\d+)\|.*\|" + re.escape(symbolic_name) + r" ", row)
            if match:
                return int(match.group(1))
        raise RuntimeError(f"{self.name}: no bundle {symbolic_name}")

    def stats(self):
        for row in self.printed("listener:stats").splitlines():
            values = row.split()
            if values and values[0] == "bench":
                return [int(v) if v.isdigit() else v for v in values]
        raise RuntimeError(f"{self.name}: no listener bench in listener:stats")

    def logged(self, pattern, skip=0):
        """The time of the first line of the log matching pattern after skip such lines (the log has ms)."""
        deadline = time.time() + START_TIMEOUT
        while time.time() < deadline:
            if self.log.exists():
                matches = [line for line in self.log.read_text(errors="replace").splitlines()
                           if re.search(pattern, line)]
                if len(matches) > skip:
                    return datetime.strptime(matches[skip][:23], "%Y-%m-%d %H:%M:%S.%f").timestamp()
            if self.popen.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"{self.name}: no log line matching '{pattern}' within {START_TIMEOUT} s")


class Wire:
    """A plain socket on the stream's group: the arrival time of every packet."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((GROUP, PORT))
        membership = struct.pack("4s4s", socket.inet_aton(GROUP), socket.inet_aton("127.0.0.1"))
        self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
        self.sock.settimeout(0.2)
        self.arrivals = []
        self.running = True
        self.thread = threading.Thread(target=self.receive, daemon=True)
        self.thread.start()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.running = False
        self.thread.join()
        self.sock.close()

    def receive(self):
        while self.running:
            try:
                packet = self.sock.recv(2048)
            except socket.timeout:
                continue
            if len(packet) >= 12:
                self.arrivals.append((time.time(), struct.unpack_from("!I", packet, 4)[0]))

    def latest(self, start, end):
        """In ms, the most a packet between start and end arrived after its slot, the slots set by the RTP
        timestamps from the last packet before start."""
        packets = list(self.arrivals)
        before = [p for p in packets if p[0] < start]
        window = [p for p in packets if start <= p[0] <= end]
        if not before or not window:
            return float("nan")
        anchor_time, anchor_stamp = before[-1]
        return max(t - anchor_time - ((stamp - anchor_stamp) % 2**32) / RATE for t, stamp in window) * 1000

    def longest_gap(self, start, end):
        times = [t for t, _ in list(self.arrivals) if start <= t <= end]
        if len(times) < 2:
            return float("nan")
        return max(b - a for a, b in zip(times, times[1:])) * 1000


def spread(values, digits):
    values = sorted(v for v in values if v == v)
    if not values:
        return "—"
    return " / ".join(f"{v:.{digits}f}" for v in (values[0], statistics.median(values), values[-1]))


def table(rows, args, dist):
    lines = [f"Swaps in the distribution's own processes, {datetime.now():%Y-%m-%d %H:%M}, {args.runs} runs, "
             f"2 cores, load at the end {load()}; ours: {dist}; min / median / max over the runs.", "",
             "| swap | wire gap ms | wire late ms | listener: lost | late | concealed | listener silent ms |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for swap_name, costs in rows.items():
        column = lambda key, digits=0: spread([c[key] for c in costs if key in c], digits)
        lines.append(f"| {swap_name} | {column('wire gap', 1)} | {column('wire late', 1)} | {column('lost')} | "
                     f"{column('late')} | "
                     f"{column('concealed')} | {column('listener silent')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
