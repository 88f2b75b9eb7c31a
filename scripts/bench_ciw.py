"""Journey Simulator against Ciw on the same M/M/14+M queue.

The model (Erlang A): one queue, Poisson arrivals at 10/3 a minute
(4,800 a day), exponential service with mean 3 min, 14 servers, FIFO,
and exponential patience with mean 5 min (a caller still waiting after
their patience reneges). Each replication simulates 8 days, one warm-up
day and 7 measured days (11,520 minutes); the default is 20 replications.

Speed is customers per second, and both simulators count every customer
who arrives, warm-up day included. It is given twice: per second of wall
time, and per second of CPU time on one thread, which a busy shared
machine disturbs far less (a process that waits for a core uses no CPU
time meanwhile), so the ratio of the two CPU-time speeds is the steadier
comparison:
  - Ciw: arrivals created by the arrival node in [0, 11520) of every
    replication (Q.nodes[0].number_of_individuals, checked against the
    records of all individuals, those still in the system included),
    over the wall time of simulate_until_max_time alone (time.perf_counter,
    one thread; building the simulation and reading records is not timed).
  - Journey Simulator: `journey-sim bench` on the equivalent study, whose
    "customers/s" counts every arrival, warm-up and run-out included, over
    the wall time of the whole run (report included), the median of 3 runs.
    Its run goes on after the last measured day until every counted
    customer is done (a short run-out), so it does slightly more work per
    replication than Ciw, which stops at minute 11,520. CPU time: the user
    and system time of whole `journey-sim run --threads 1` processes
    (starting, reading the study and writing the report included), the
    median of 5.

The figures show that the two simulate the same queue: over the measured
days (arrival at minute 1440 or later), the share who abandon, the mean
wait of all arrivals (abandoners' time in queue included), and the service
level (answered within 20 s / all arrivals), beside the exact Erlang A
values. Ciw's figures are ratios of sums over its replications with a 95%
t interval over replications; the few Ciw callers still waiting in the
queue at minute 11,520 (under one per replication on average) have no
outcome yet and are left out of its figures.

Usage: python3 scripts/bench_ciw.py [--replications R] [--quick]
(run by scripts/bench-ciw.sh, which installs Ciw and builds the CLI).
"""

import argparse
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ciw

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "journey-sim"

ARRIVALS_PER_MINUTE = 10 / 3
SERVICE_MEAN = 3.0
SERVERS = 14
PATIENCE_MEAN = 5.0
TARGET_MINUTES = 20 / 60
WARMUP_DAYS = 1
DAY = 1440.0

# Exact Erlang A (M/M/14+M) values, as in crates/engine/tests/queueing.rs.
EXACT = {"abandonment": 0.013984, "mean_wait_minutes": 0.069919, "service_level": 0.916792}
LABELS = {
    "abandonment": "P(abandon)",
    "mean_wait_minutes": "mean wait of all [min]",
    "service_level": "service level (20 s)",
}

# Student t 0.975 quantiles for 1..30 degrees of freedom.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t975(df):
    return T975[df - 1] if df <= len(T975) else 1.96


def ratio_interval(numerators, denominators):
    """Ratio of sums over replications, with a 95% t interval from the
    replications' residuals (the ratio estimator); no interval for one."""
    n = len(numerators)
    estimate = sum(numerators) / sum(denominators)
    if n < 2:
        return estimate, None
    residuals = [a - estimate * b for a, b in zip(numerators, denominators)]
    half = t975(n - 1) * statistics.stdev(residuals) / (statistics.fmean(denominators) * math.sqrt(n))
    return estimate, (estimate - half, estimate + half)


def ciw_network():
    return ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=ARRIVALS_PER_MINUTE)],
        service_distributions=[ciw.dists.Exponential(rate=1 / SERVICE_MEAN)],
        number_of_servers=[SERVERS],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1 / PATIENCE_MEAN)],
    )


def run_ciw(replications, days):
    """Runs Ciw; returns (customers, seconds, CPU seconds, figures)."""
    network = ciw_network()
    horizon = days * DAY
    start_measured = WARMUP_DAYS * DAY
    customers = 0
    seconds = 0.0
    cpu_seconds = 0.0
    # Per replication: measured arrivals with an outcome, abandoned,
    # total wait, answered within the target.
    offered, abandoned, waited, within = [], [], [], []
    for i in range(replications):
        ciw.seed(i)
        q = ciw.Simulation(network)
        start, cpu_start = time.perf_counter(), time.process_time()
        q.simulate_until_max_time(horizon)
        seconds += time.perf_counter() - start
        cpu_seconds += time.process_time() - cpu_start
        arrived = q.nodes[0].number_of_individuals
        records = q.get_all_records(include_incomplete=True)
        if len(records) != arrived:
            sys.exit(f"Ciw replication {i}: {arrived} arrivals but {len(records)} records")
        customers += arrived
        o = a = w = s = 0
        for r in records:
            if r.arrival_date < start_measured:
                continue
            if r.record_type == "renege":
                a += 1
            elif r.waiting_time is None:
                continue  # still waiting at the horizon: no outcome yet
            elif r.waiting_time <= TARGET_MINUTES:
                s += 1
            o += 1
            w += r.waiting_time
        offered.append(o)
        abandoned.append(a)
        waited.append(w)
        within.append(s)
    figures = {
        "abandonment": ratio_interval(abandoned, offered),
        "mean_wait_minutes": ratio_interval(waited, offered),
        "service_level": ratio_interval(within, offered),
    }
    return customers, seconds, cpu_seconds, figures


def child_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def study_json(replications, days):
    return {
        "schema": 2,
        "title": "M/M/14+M",
        "seed": 7,
        "demand": {
            "customers_per_day": round(ARRIVALS_PER_MINUTE * DAY),
            "days": days - WARMUP_DAYS,
            "warmup_days": WARMUP_DAYS,
            "replications": replications,
            "service_level_seconds": 20,
        },
        "designs": [{
            "name": "Current",
            "context_carryover": True,
            "personas": [{
                "name": "Caller",
                "share": 1,
                "channel_mix": {"Phone": 1},
                "patience": {"kind": "exponential", "mean": PATIENCE_MEAN},
                "max_contacts": 1,
            }],
            "channels": [{
                "name": "Phone",
                "kind": "phone",
                "agent": {
                    "handle_minutes": {"kind": "exponential", "mean": SERVICE_MEAN},
                    "resolution": 1,
                    "staffing": {"agents": SERVERS},
                },
            }],
        }],
    }


def number(text):
    return float(text.replace(",", ""))


def run_journey_sim(replications, days):
    """Runs `journey-sim bench` and `run`; returns (customers per run,
    {threads: (seconds per run, customers/s)}, CPU seconds of a one-thread
    run, figures, bench output)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(study_json(replications, days), f)
        path = f.name
    try:
        bench = subprocess.run(
            [str(BINARY), "bench", "--study", path, "--runs", "3", "--threads", "2"],
            check=True, capture_output=True, text=True,
        ).stdout
        report = json.loads(subprocess.run(
            [str(BINARY), "run", path, "--format", "json"],
            check=True, capture_output=True, text=True,
        ).stdout)
        cpu = []
        for _ in range(5):
            before = child_cpu_seconds()
            subprocess.run([str(BINARY), "run", path, "--threads", "1"], check=True, capture_output=True)
            cpu.append(child_cpu_seconds() - before)
    finally:
        os.unlink(path)
    lines = bench.splitlines()
    customers = None
    speeds = {}
    for i, line in enumerate(lines):
        m = re.search(r"([\d,]+) customers arriving", line)
        if m:
            customers = int(number(m.group(1)))
        m = re.match(r"\s*(\d+) threads?:.*; ([\d.]+) (ms|s) a run", line)
        if m:
            run_seconds = number(m.group(2)) / (1000 if m.group(3) == "ms" else 1)
            rate = re.search(r"([\d,]+) customers/s", lines[i + 1])
            speeds[int(m.group(1))] = (run_seconds, number(rate.group(1)))
    if customers is None or 1 not in speeds or 2 not in speeds:
        sys.exit("could not read the bench output:\n" + bench)
    pool = report["designs"][0]["capacity"]["pools"][0]
    figures = {k: (pool[k]["estimate"], tuple(pool[k]["ci95"])) for k in EXACT}
    return customers, speeds, statistics.median(cpu), figures, bench


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, help="replications (default 20; 3 with --quick)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 replications of 2 days")
    args = parser.parse_args()
    replications = args.replications or (3 if args.quick else 20)
    days = 2 if args.quick else 8
    if replications < 1:
        parser.error("--replications must be at least 1")

    print(f"M/M/{SERVERS}+M: λ = 10/3 a minute, service mean {SERVICE_MEAN:g} min, patience mean "
          f"{PATIENCE_MEAN:g} min, FIFO; {replications} replications of {days} days "
          f"({WARMUP_DAYS} warm-up + {days - WARMUP_DAYS} measured)")
    print(f"Ciw {ciw.__version__}, Python {sys.version.split()[0]}; Journey Simulator {BINARY.relative_to(ROOT)}")
    print()

    js_customers, js_speeds, js_cpu, js_figures, bench_text = run_journey_sim(replications, days)
    print("journey-sim bench output:")
    print(bench_text.rstrip())
    print()
    ciw_customers, ciw_seconds, ciw_cpu, ciw_figures = run_ciw(replications, days)
    ciw_rate = ciw_customers / ciw_seconds

    rows = [("Ciw", "1", ciw_customers, ciw_seconds, ciw_rate)]
    for t in sorted(js_speeds):
        run_seconds, rate = js_speeds[t]
        rows.append(("Journey Simulator", str(t), js_customers, run_seconds, rate))
    print(f"{'simulator':<18} {'threads':>7} {'replications':>12} {'customers':>11} {'seconds':>9} {'customers/s':>12}")
    for name, threads, customers, seconds, rate in rows:
        print(f"{name:<18} {threads:>7} {replications:>12} {customers:>11,} {seconds:>9.3f} {rate:>12,.0f}")
    print("(Ciw: total over the replications; Journey Simulator: the median of 3 runs, each of all the replications)")
    print()

    def cell(estimate, interval):
        text = f"{estimate:.6f}"
        if interval:
            text += f" [{interval[0]:.6f}, {interval[1]:.6f}]"
        return text

    print(f"{'measured days':<23} {'Ciw [95% interval]':<34} {'Journey Simulator [95% interval]':<34} {'exact':>8}")
    for key, exact in EXACT.items():
        print(f"{LABELS[key]:<23} {cell(*ciw_figures[key]):<34} {cell(*js_figures[key]):<34} {exact:>8.6f}")
    print()

    print("wall time:")
    print(f"  Journey Simulator, 1 thread ÷ Ciw:  {js_speeds[1][1] / ciw_rate:,.0f}×")
    print(f"  Journey Simulator, 2 threads ÷ Ciw: {js_speeds[2][1] / ciw_rate:,.0f}×")
    ciw_cpu_rate = ciw_customers / ciw_cpu
    js_cpu_rate = js_customers / js_cpu
    print("CPU time, one thread each (steadier on a shared machine):")
    print(f"  Ciw {ciw_cpu:.3f} s, {ciw_cpu_rate:,.0f} customers/s; Journey Simulator {js_cpu:.3f} s a run "
          f"(median of 5 whole processes), {js_cpu_rate:,.0f} customers/s")
    print(f"  Journey Simulator ÷ Ciw: {js_cpu_rate / ciw_cpu_rate:,.0f}×")


if __name__ == "__main__":
    main()
