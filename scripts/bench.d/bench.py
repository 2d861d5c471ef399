"""Runs every measurement of scripts/bench, writes bench/results.json and, after a full run,
docs/benchmark.md from it. `--write-docs-only` writes docs/benchmark.md from the results already there."""
import argparse
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

import benchmark_doc

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
from wegwijzer_test_support import Server, always_open_flows, free_port, intake_inputs, serve  # noqa: E402

TOKEN = "bench-token"
CLIENTS = 32


def peak_rss_kib(server):
    with open(f"/proc/{server.process.pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))


# The server's threads by what they run, from their names: Swift Concurrency's pool runs the
# request tasks (and the turn worked out ahead), NIO's event loops the HTTP, and libdispatch's
# overcommit threads the database queues (GRDB's writer, readers and the checkpointer).
THREAD_GROUPS = (("request_tasks", "default-qos"), ("event_loops", "NIO-"), ("database_queues", "overcommit"))


def cpu_seconds(server):
    """User and system CPU of the whole process, and of its live threads by group."""
    pid = server.process.pid
    ticks = os.sysconf("SC_CLK_TCK")
    def used(stat_path):
        with open(stat_path) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks
    groups = {name: 0.0 for name, _ in THREAD_GROUPS}
    task_dir = f"/proc/{pid}/task"
    for tid in os.listdir(task_dir):
        try:
            with open(f"{task_dir}/{tid}/comm") as f:
                comm = f.read().strip()
            seconds = used(f"{task_dir}/{tid}/stat")
        except OSError:
            continue  # the thread ended just now
        for name, marker in THREAD_GROUPS:
            if marker in comm:
                groups[name] += seconds
                break
    return used(f"/proc/{pid}/stat"), groups


def reference_process(args, port, log):
    """wegwijzer-reference (or its fake gateway) on loopback: it has no /healthz, any answer means up."""
    return Server(args, port, log, any_answer=True)


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def wrk(url, requests_dir, seconds):
    out = run(["wrk", "-t", str(CLIENTS), "-c", str(CLIENTS), "-d", f"{seconds}s", "--timeout", "10s",
               "-s", os.path.join(HERE, "wrk.lua"), url + "/webhooks/twilio", "--", requests_dir])
    result = json.loads(out.strip().splitlines()[-1])
    result["per_second"] = result["requests"] / result["seconds"]
    return result


def loaded(server, requests_dir, seconds):
    """A wrk load on the server, with the server's CPU per answered message: in all, and per thread
    group (threads that ended during the load count only in the total)."""
    total_before, groups_before = cpu_seconds(server)
    result = wrk(server.url, requests_dir, seconds)
    total_after, groups_after = cpu_seconds(server)
    answered = result["requests"] - result["non2xx"]
    per_message = lambda seconds: seconds * 1e6 / max(answered, 1)
    result["cpu_us_per_message"] = {"total": per_message(total_after - total_before),
                                    **{name: per_message(groups_after[name] - groups_before[name]) for name in groups_after}}
    return result


def writer_metrics(url):
    """The server's group-commit counters from /metrics: batches, messages in them, busy seconds, and
    how many batches took longer than each bucket bound of the commit-time histogram."""
    wanted = {"wegwijzer_write_batches_total": "batches", "wegwijzer_write_batch_messages_total": "messages",
              "wegwijzer_write_busy_seconds_total": "busy_seconds"}
    values, buckets = {}, {}
    for line in urllib.request.urlopen(url + "/metrics", timeout=10).read().decode().splitlines():
        name, _, value = line.partition(" ")
        if name in wanted:
            values[wanted[name]] = float(value)
        elif name.startswith('wegwijzer_write_batch_seconds_bucket{le="') and '+Inf' not in name:
            buckets[float(name.split('"')[1])] = int(value)
    values["slower_than"] = {bound: int(values.get("batches", 0)) - within for bound, within in buckets.items()}
    return values


def flush_latency_us(directory, count=300):
    """What making one small write durable costs on this disk now: the median and p90 of fdatasync
    after a 4 KiB write, in the directory of the databases. The reference pays it once per message,
    group commit once per batch; on a virtual machine it can vary from one hour to the next."""
    path = os.path.join(directory, "flush-probe")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        os.pwrite(fd, bytes(64 * 4096), 0)
        os.fsync(fd)
        times = []
        for i in range(count):
            os.pwrite(fd, os.urandom(4096), (i % 64) * 4096)
            started = time.perf_counter()
            os.fdatasync(fd)
            times.append((time.perf_counter() - started) * 1e6)
    finally:
        os.close(fd)
        os.remove(path)
    times.sort()
    return {"median_us": times[len(times) // 2], "p90_us": times[int(len(times) * 0.9)]}


def twilio_server(binary, work, name, port, db, extra="", max_batch=64, args=()):
    """`wegwijzer serve` with the Twilio channel (requests signed with TOKEN) and no rate limit to
    speak of, on `port`; `extra` goes into the channel's settings. Not started yet."""
    config = f"""rate_limit_per_minute: 100000000
max_batch: {max_batch}
channels:
  twilio: {{enabled: true, account_sid: AC00000000000000000000000000000000, from: "+3197010250999"{extra}}}
"""
    return serve(binary, config, work=work, name=name, port=port, db=db, env={"TWILIO_AUTH_TOKEN": TOKEN}, args=args)


def requests(mode, url, out, per_client, extra):
    run([sys.executable, os.path.join(HERE, "requests.py"), mode, url + "/webhooks/twilio", out, str(CLIENTS), str(per_client), str(extra)],
        env={**os.environ, "TWILIO_AUTH_TOKEN": TOKEN})


def page_in_like_a_server(path):
    """Puts the file in the page cache as a server that has read it would have it: in 4 KiB pages.
    The copy leaves it in large page-cache folios (seen with ext4 on Linux 6.18), so each page the
    server's checkpoint then wrote had its whole folio written back: 152 KB of disk writes per
    turn at a million inwoners instead of 42 KB. Reading it back without readahead makes 4 KiB pages."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_RANDOM)
        offset = 0
        while chunk := os.pread(fd, 1 << 20, offset):
            offset += len(chunk)
    finally:
        os.close(fd)


def count(db, sql):
    with sqlite3.connect(db, timeout=30) as c:
        return c.execute(sql).fetchone()[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--pairs", type=int, default=4, help="end-to-end and reference runs, side by side")
    parser.add_argument("--scale-rounds", type=int, default=3, help="loads per scale size, in rounds over all sizes")
    parser.add_argument("--write-docs-only", action="store_true", help="write docs/benchmark.md from bench/results.json; run nothing")
    args = parser.parse_args()
    if args.write_docs_only:
        print(f"wrote {benchmark_doc.write()}")
        return
    if not args.bin:
        parser.error("--bin is required")
    if args.quick:
        args.seconds, args.sizes = 5, "1000,20000"
    wegwijzer, reference = os.path.join(args.bin, "wegwijzer"), os.path.join(args.bin, "wegwijzer-reference")
    bench = os.path.join(args.bin, "wegwijzer-bench")
    work = tempfile.mkdtemp(prefix="wegwijzer-bench-", dir="/var/tmp")
    lines_file = os.path.join(work, "intake.txt")
    with open(lines_file, "w") as f:
        f.write("\n".join(intake_inputs()) + "\n")
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    results = {"machine": {"cpus": os.cpu_count(), "uname": " ".join(os.uname())}, "seconds_per_load": args.seconds,
               "made": {"date": datetime.date.today().isoformat(), "commit": commit or "unknown"},
               "clients": CLIENTS, "durability": "synchronous=FULL, WAL"}
    per_client = max(2000, args.seconds * 400)

    def engine_run(threads):
        print(f"engine ({threads} thread{'s' if threads > 1 else ''}) ...", file=sys.stderr)
        return json.loads(run([bench, "engine", "--inputs", lines_file, "--seconds", str(max(2, args.seconds // 4)),
                               "--threads", str(threads)]))

    def engine_runs():
        """One thread, and one per core: the server works turns out on every core at once."""
        return {1: engine_run(1), os.cpu_count(): engine_run(os.cpu_count())}

    def conversation_requests():
        """Each client's intake as signed requests, for a server on the port returned."""
        port = free_port()
        conversation = os.path.join(work, f"conversation-{port}")
        requests("conversation", f"http://127.0.0.1:{port}", conversation, per_client, lines_file)
        # Written to disk now: written back during the next load, the files slowed its fsyncs.
        os.sync()
        return port, conversation

    def end_to_end_run(index, port, conversation, max_batch=64):
        name = f"e2e-{index}" if max_batch > 1 else f"e2e-one-commit-per-message-{index}"
        print(f"end to end ({index + 1}{', one commit per message' if max_batch == 1 else ''}) ...", file=sys.stderr)
        db = os.path.join(work, f"{name}.sqlite")
        # What the load makes the server send besides its replies (invitations to the network members
        # an intake names) goes to the fake gateway, as it would go to Twilio: sent, not retried.
        with twilio_server(wegwijzer, work, name, port, db, f", api_base: 'http://127.0.0.1:{gateway_port}'",
                           max_batch=max_batch, args=["--flows", flows]) as server:
            before, started = writer_metrics(server.url), time.monotonic()
            e2e = loaded(server, conversation, args.seconds)
            after, elapsed = writer_metrics(server.url), time.monotonic() - started
            e2e["peak_rss_mib"] = peak_rss_kib(server) / 1024
        # How much of the load's time the one writer spent in write transactions, and in batches of how many.
        batches = after["batches"] - before["batches"]
        e2e["writer_busy_fraction"] = (after["busy_seconds"] - before["busy_seconds"]) / elapsed
        e2e["messages_per_batch"] = (after["messages"] - before["messages"]) / batches if batches else 0
        e2e["stored_inbound"] = count(db, "SELECT COUNT(*) FROM message WHERE direction = 'in'")
        e2e["distinct_provider_ids"] = count(db, "SELECT COUNT(DISTINCT providerId) FROM message WHERE direction = 'in'")
        # Every answered request is one stored message, none stored twice; at most one request per client
        # was still in flight when wrk stopped counting (applied, but not in wrk's total).
        answered = e2e["requests"] - e2e["non2xx"]
        e2e["all_stored_once"] = (e2e["distinct_provider_ids"] == e2e["stored_inbound"]
                                  and answered <= e2e["stored_inbound"] <= answered + CLIENTS)
        return e2e

    def reference_run(index, conversation):
        print(f"reference ({index + 1}) ...", file=sys.stderr)
        port = free_port()
        with reference_process([reference, "--port", str(port), "--db", os.path.join(work, f"reference-{index}.sqlite")], port,
                               os.path.join(work, f"reference-{index}.log")) as server:
            ref = loaded(server, conversation, args.seconds)
            ref["peak_rss_mib"] = peak_rss_kib(server) / 1024
        return ref

    # The speed of a shared virtual machine can drift by a third over minutes, so each end-to-end run is paired
    # with a reference run on the same requests right beside it, the ratios are taken per pair, and
    # the engine is run between the pairs (its median counts) instead of once at the start. Every
    # other pair runs the reference first: a drift in one direction then favours each side in turn.
    # After each pair, the product once more with one commit per message (`max_batch: 1`): what
    # group commit gains.
    reference_first = lambda index: index % 2 == 1
    engines, pairs, one_per_message, flushes = [engine_runs()], [], [], []
    flows = always_open_flows(os.path.join(work, "flows"))
    gateway_port = free_port()
    with reference_process([reference, "gateway", "--port", str(gateway_port)], gateway_port, os.path.join(work, "e2e-gateway.log")):
        for index in range(args.pairs):
            port, conversation = conversation_requests()
            flushes.append(flush_latency_us(work))
            if reference_first(index):
                ref = reference_run(index, conversation)
                e2e = end_to_end_run(index, port, conversation)
            else:
                e2e = end_to_end_run(index, port, conversation)
                ref = reference_run(index, conversation)
            pairs.append((e2e, ref))
            one_per_message.append(end_to_end_run(index, *conversation_requests(), max_batch=1))
            engines.append(engine_runs())

    def median_engine(threads):
        runs = sorted((e[threads] for e in engines), key=lambda e: e["turns_per_second"])
        return {**runs[len(runs) // 2], "runs_turns_per_second": [e["turns_per_second"] for e in runs]}
    results["engine"] = median_engine(os.cpu_count())
    results["engine_single_thread"] = median_engine(1)

    def combined(runs):
        mean = lambda key: sum(r[key] for r in runs) / len(runs)
        extra = {key: mean(key) for key in ("writer_busy_fraction", "messages_per_batch") if key in runs[0]}
        extra["cpu_us_per_message"] = {group: sum(r["cpu_us_per_message"][group] for r in runs) / len(runs)
                                       for group in runs[0]["cpu_us_per_message"]}
        return {**runs[0], **extra, "per_second": mean("per_second"), "p50_ms": mean("p50_ms"), "p99_ms": mean("p99_ms"),
                "peak_rss_mib": max(r["peak_rss_mib"] for r in runs), "runs": runs}
    results["end_to_end"] = combined([e for e, _ in pairs])
    results["end_to_end"]["all_stored_once"] = all(e["all_stored_once"] for e, _ in pairs)
    results["end_to_end_one_commit_per_message"] = combined(one_per_message)
    results["end_to_end_one_commit_per_message"]["all_stored_once"] = all(e["all_stored_once"] for e in one_per_message)
    results["reference"] = combined([r for _, r in pairs])
    results["pairs"] = [{"throughput_vs_reference": e["per_second"] / r["per_second"], "p99_vs_reference": e["p99_ms"] / r["p99_ms"],
                         "group_commit_vs_one_commit_per_message": e["per_second"] / one["per_second"],
                         "reference_first": reference_first(index), "disk_flush": flush}
                        for index, ((e, r), one, flush) in enumerate(zip(pairs, one_per_message, flushes))]
    # Cost: one whole intake (all three modules) by SMS through the real pipeline, from the outbox's segment counts.
    results["cost"] = json.loads(run([bench, "cost", "--inputs", lines_file]))
    # The length of an intake as an inwoner meets it: three scripted intakes (bench/intakes), messages
    # in and out and SMS segments. The typical one (three leefgebieden to change, two people, no
    # mantelzorg) must stay within 45 messages in.
    results["intakes"] = {name: json.loads(run([bench, "cost", "--inputs", os.path.join(ROOT, "bench/intakes", name + ".txt")]))
                          for name in ("short", "typical", "long")}
    # CPU per message on each side of the writer, in process on one thread (thread CPU time, which
    # moves less with a shared machine's drift than the end-to-end rate does): a figure to compare builds with.
    print("CPU per message ...", file=sys.stderr)
    results["cpu_per_message"] = json.loads(run([bench, "turns", "--inputs", lines_file,
                                                 "--db", os.path.join(work, "turns.sqlite"),
                                                 "--messages", "5000" if args.quick else "20000"]))

    print("reminders ...", file=sys.stderr)
    db = os.path.join(work, "reminders.sqlite")
    inwoners = 2000 if args.quick else 10000
    run([bench, "seed", "--db", db, "--inwoners", str(inwoners), "--due", "2026-11-24T10:00:00+01:00"])
    started = time.monotonic()
    run([wegwijzer, "remind", "--once", "--db", db, "--now", "2026-12-04T10:00:00+01:00"])
    queued_seconds = time.monotonic() - started
    queued = count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
    gateway_port, port = free_port(), free_port()
    with reference_process([reference, "gateway", "--port", str(gateway_port)], gateway_port, os.path.join(work, "gateway.log")) as gateway:
        started = time.monotonic()
        with twilio_server(wegwijzer, work, "reminders", port, db, f", api_base: 'http://127.0.0.1:{gateway_port}', reply_mode: rest"):
            deadline = started + 600
            while count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'") > 0 and time.monotonic() < deadline:
                time.sleep(0.2)
            sent_seconds = time.monotonic() - started
        received = int(urllib.request.urlopen(gateway.url + "/count").read())
    results["reminders"] = {"jobs_queued": queued, "queue_seconds": queued_seconds, "queued_per_second": queued / queued_seconds,
                            "sent": count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'"), "gateway_received": received,
                            "send_seconds": sent_seconds, "sent_per_second": received / sent_seconds}

    # Scale: each size is seeded once; then the loads run in rounds over all sizes, each on a fresh
    # copy of its seeded database, so a drift of the machine's speed touches every size alike. The
    # ratio is taken per round, then averaged.
    sizes = [int(s) for s in args.sizes.split(",")]
    templates = {}
    results["scale"] = []
    for size in sizes:
        print(f"scale {size}: seeding ...", file=sys.stderr)
        template = os.path.join(work, f"scale-{size}.template.sqlite")
        # The reminders are pending, due from two days on: none is sent by the server during the load
        # (a fixed date in the past made the server send them all while being measured).
        due = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        seeded = json.loads(run([bench, "seed", "--db", template, "--inwoners", str(size), "--due", due]))
        lookup = json.loads(run([bench, "lookup", "--db", template, "--at", due]))
        templates[size] = template
        os.sync()
        results["scale"].append({"inwoners": size, "seed_seconds": seeded["seconds"], "database_mib": os.path.getsize(template) / 2**20,
                                 "due_lookup": lookup, "rounds": [], "jobs_run_during_load": 0})
    for round_index in range(args.scale_rounds):
        for entry in results["scale"]:
            size = entry["inwoners"]
            print(f"scale {size}: load {round_index + 1} ...", file=sys.stderr)
            db = os.path.join(work, f"scale-{size}.sqlite")
            shutil.copyfile(templates[size], db)
            port = free_port()
            scale_requests = os.path.join(work, f"scale-requests-{size}-{round_index}")
            requests("scale", f"http://127.0.0.1:{port}", scale_requests, per_client, size)
            # The copy leaves gigabytes of dirty pages, the request files some 35 MB: written back
            # during the load, the copy made every fsync wait (p99 half a second at a million).
            # Both are written back before it instead, as the end-to-end loads' request files are.
            os.sync()
            page_in_like_a_server(db)
            with twilio_server(wegwijzer, work, f"scale-{size}-{round_index}", port, db) as server:
                load = wrk(server.url, scale_requests, args.seconds)
                # A stall shows as commits that took long: the writer waited for the disk's flush.
                slower = writer_metrics(server.url)["slower_than"]
                load["commits_over_50ms"], load["commits_over_100ms"] = slower.get(0.05, 0), slower.get(0.1, 0)
                entry["rounds"].append(load)
            entry["jobs_run_during_load"] += count(db, "SELECT COUNT(*) FROM job WHERE status != 'pending'")
            shutil.rmtree(scale_requests, ignore_errors=True)
            for suffix in ["", "-wal", "-shm"]:
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
    for entry in results["scale"]:
        rounds = entry["rounds"]
        # Over the rounds: the mean rate and percentiles, the slowest request, and the counts summed.
        entry["turns"] = {**{key: sum(r[key] for r in rounds) / len(rounds) for key in ("per_second", "p50_ms", "p90_ms", "p99_ms")},
                          "max_ms": max(r["max_ms"] for r in rounds),
                          **{key: sum(r[key] for r in rounds) for key in ("requests", "non2xx", "timeouts", "commits_over_50ms", "commits_over_100ms")}}
        os.remove(templates[entry["inwoners"]])
    small, large = results["scale"][0], results["scale"][-1]
    results["scale_rounds"] = [{"p99_largest_vs_smallest": l["p99_ms"] / s["p99_ms"]} for s, l in zip(small["rounds"], large["rounds"])]

    e2e, ref, engine = results["end_to_end"], results["reference"], results["engine"]
    results["ratios"] = {
        "throughput_vs_reference": sum(p["throughput_vs_reference"] for p in results["pairs"]) / len(results["pairs"]),
        "p99_vs_reference": sum(p["p99_vs_reference"] for p in results["pairs"]) / len(results["pairs"]),
        "group_commit_vs_one_commit_per_message": sum(p["group_commit_vs_one_commit_per_message"] for p in results["pairs"]) / len(results["pairs"]),
        "engine_vs_end_to_end": engine["turns_per_second"] / e2e["per_second"],
        "engine_single_thread_vs_end_to_end": results["engine_single_thread"]["turns_per_second"] / e2e["per_second"],
        "scale_p99_largest_vs_smallest": sum(r["p99_largest_vs_smallest"] for r in results["scale_rounds"]) / len(results["scale_rounds"]),
        "lookup_p99_largest_vs_smallest": large["due_lookup"]["p99_us"] / small["due_lookup"]["p99_us"],
    }
    r = results["ratios"]
    results["targets"] = {
        "throughput >= 0.7 x reference": r["throughput_vs_reference"] >= 0.7,
        "throughput beyond 1.0 x reference (group commit)": r["throughput_vs_reference"] > 1.0,
        "group commit beyond 1.0 x one commit per message": r["group_commit_vs_one_commit_per_message"] > 1.0,
        "p99 <= 2 x reference": r["p99_vs_reference"] <= 2,
        "server RSS <= 64 MiB": e2e["peak_rss_mib"] <= 64,
        f"engine on {os.cpu_count()} threads >= 20 x end to end": r["engine_vs_end_to_end"] >= 20,
        f"p99 at {large['inwoners']} <= 1.3 x at {small['inwoners']}": r["scale_p99_largest_vs_smallest"] <= 1.3,
        "scale loads ran without reminders falling due": all(s["jobs_run_during_load"] == 0 for s in results["scale"]),
        "due lookup uses the index": all("USING INDEX job_due" in " ".join(s["due_lookup"]["plan"]) for s in results["scale"]),
        "every acknowledged message stored once": e2e["all_stored_once"] and results["end_to_end_one_commit_per_message"]["all_stored_once"],
        "typical intake <= 45 messages in": results["intakes"]["typical"]["inbound_messages"] <= 45
                                            and results["intakes"]["typical"]["modules_completed"] == 3,
    }
    os.makedirs(os.path.join(ROOT, "bench"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results.json"), "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
        f.write("\n")
    # A full run is what docs/benchmark.md shows; a quick one only checks the set-up.
    if not args.quick:
        print(f"wrote {benchmark_doc.write()}", file=sys.stderr)

    def cpu_split(run):
        cpu = run["cpu_us_per_message"]
        return (f"{cpu['total']:.0f} (tasks {cpu['request_tasks']:.0f}, loops {cpu['event_loops']:.0f}, "
                f"db {cpu['database_queues']:.0f})")

    print(f"\n{'measurement':44} {'value':>14}")
    rows = [
        (f"engine, turns/s ({os.cpu_count()} threads, median)", f"{engine['turns_per_second']:.0f}"),
        ("  each run", " / ".join(f"{t / 1000:.0f}k" for t in engine["runs_turns_per_second"])),
        ("engine, turns/s (1 thread, median)", f"{results['engine_single_thread']['turns_per_second']:.0f}"),
        ("  each run", " / ".join(f"{t / 1000:.0f}k" for t in results["engine_single_thread"]["runs_turns_per_second"])),
        ("end to end, turns/s (32 clients)", f"{e2e['per_second']:.0f}"),
        ("end to end, p50 / p99 ms", f"{e2e['p50_ms']:.1f} / {e2e['p99_ms']:.1f}"),
        ("  writer busy / messages per batch", f"{e2e['writer_busy_fraction']:.0%} / {e2e['messages_per_batch']:.1f}"),
        ("  server CPU per message, µs", cpu_split(e2e)),
        ("one commit per message, turns/s", f"{results['end_to_end_one_commit_per_message']['per_second']:.0f}"),
        ("  writer busy", f"{results['end_to_end_one_commit_per_message']['writer_busy_fraction']:.0%}"),
        ("  server CPU per message, µs", cpu_split(results["end_to_end_one_commit_per_message"])),
        ("reference, turns/s", f"{ref['per_second']:.0f}"),
        ("  server CPU per message, µs", cpu_split(ref)),
        ("reference, p50 / p99 ms", f"{ref['p50_ms']:.1f} / {ref['p99_ms']:.1f}"),
        ("throughput / reference (mean of pairs)", f"{r['throughput_vs_reference']:.2f}"),
        ("  each pair (R: reference first)", " / ".join(f"{p['throughput_vs_reference']:.2f}{'R' if p['reference_first'] else ''}"
                                                        for p in results["pairs"])),
        ("disk flush before each pair, median µs", " / ".join(f"{p['disk_flush']['median_us']:.0f}" for p in results["pairs"])),
        ("  p90 µs", " / ".join(f"{p['disk_flush']['p90_us']:.0f}" for p in results["pairs"])),
        ("p99 / reference p99 (mean of pairs)", f"{r['p99_vs_reference']:.2f}"),
        ("  each pair", " / ".join(f"{p['p99_vs_reference']:.2f}" for p in results["pairs"])),
        ("group commit / one commit per message", f"{r['group_commit_vs_one_commit_per_message']:.2f}"),
        ("  each pair", " / ".join(f"{p['group_commit_vs_one_commit_per_message']:.2f}" for p in results["pairs"])),
        (f"engine ({os.cpu_count()} threads) / end to end", f"{r['engine_vs_end_to_end']:.1f}"),
        ("engine (1 thread) / end to end", f"{r['engine_single_thread_vs_end_to_end']:.1f}"),
        ("server peak RSS, MiB", f"{e2e['peak_rss_mib']:.1f}"),
        ("scale p99, largest / smallest (mean of rounds)", f"{r['scale_p99_largest_vs_smallest']:.2f}"),
        ("  each round", " / ".join(f"{x['p99_largest_vs_smallest']:.2f}" for x in results["scale_rounds"])),
        ("reminders queued/s (remind --once)", f"{results['reminders']['queued_per_second']:.0f}"),
        ("reminders sent/s (fake gateway)", f"{results['reminders']['sent_per_second']:.0f}"),
        ("CPU per message: turn worked out / writer, µs", f"{results['cpu_per_message']['prepare_cpu_us']:.0f} / {results['cpu_per_message']['write_cpu_us']:.0f}"),
        ("SMS for a whole intake: in / out / segments", f"{results['cost']['inbound_messages']} / {results['cost']['outbound_messages']} / {results['cost']['outbound_segments']}"),
        ("  modules completed in that intake", f"{results['cost']['modules_completed']}"),
    ]
    for name, intake in results["intakes"].items():
        rows.append((f"{name} intake: messages in / out / SMS segments",
                     f"{intake['inbound_messages']} / {intake['outbound_messages']} / {intake['outbound_segments']}"))
    for s in results["scale"]:
        rows.append((f"{s['inwoners']:>9,} inwoners: p50 / p99 ms (mean)", f"{s['turns']['p50_ms']:.1f} / {s['turns']['p99_ms']:.1f}"))
        rows.append(("  p99 of each round", " / ".join(f"{r['p99_ms']:.1f}" for r in s["rounds"])))
        rows.append(("  max ms / commits over 100 ms, each round", " / ".join(f"{r['max_ms']:.0f}:{r['commits_over_100ms']}" for r in s["rounds"])))
        rows.append((f"{s['inwoners']:>9,} inwoners: due lookup p99 µs", f"{s['due_lookup']['p99_us']:.0f}"))
    for name, value in rows:
        print(f"{name:44} {value:>14}")
    print(f"\nquery plan: {small['due_lookup']['plan']}")
    for name, ok in results["targets"].items():
        print(f"{'met ' if ok else 'MISSED'}  {name}")
    print(f"\nresults: bench/results.json; logs and databases in {work}")


if __name__ == "__main__":
    main()
