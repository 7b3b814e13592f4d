"""A network namespace of a benchmark's own, with only lo, shared by the scripts in this folder: not one packet
they send leaves the machine, and whatever they leave running is killed when the namespace goes."""
import os
import signal
import subprocess
import sys


def run_inside(script, label):
    """Runs script again inside a namespace of its own (with --inside NAME and this run's arguments), which is
    removed however that run ends; returns its exit status."""
    namespace = f"liveaudio-{label}-{os.getpid()}"
    subprocess.run(["ip", "netns", "add", namespace], check=True)
    # SIGTERM and SIGHUP end the run like Ctrl-C, through the finally below.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        inner = [sys.executable, script, "--inside", namespace] + sys.argv[1:]
        return subprocess.run(["ip", "netns", "exec", namespace] + inner).returncode
    except KeyboardInterrupt:
        print(f"{label} benchmark interrupted")
        return 130
    finally:
        # Whatever the inner run left (it was killed, or failed half-way) is in this namespace and nowhere else.
        pids = subprocess.run(["ip", "netns", "pids", namespace], capture_output=True, text=True).stdout.split()
        for pid in pids:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
        subprocess.run(["ip", "netns", "del", namespace])


def multicast_on_loopback():
    """Inside the namespace: lo up and multicast routed onto it, the only interface there is."""
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    subprocess.run(["ip", "route", "add", "224.0.0.0/4", "dev", "lo"], check=True)


def load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())
