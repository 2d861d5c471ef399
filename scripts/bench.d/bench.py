"""Runs every measurement of scripts/bench, writes bench/results.json and, after a full run,
docs/benchmark.md from it. `--write-docs-only` writes docs/benchmark.md from the results already there."""
import argparse
import contextlib
import datetime
import json
import os
import shutil
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
from deployment import (PUBLIC_URL, Cluster, PostgresStore, SQLiteStore, loaded, slowest_commit,  # noqa: E402
                        writer_metrics)

TOKEN = "bench-token"
CLIENTS = 32


def peak_rss_kib(server):
    with open(f"/proc/{server.process.pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))


def reference_process(args, port, log):
    """wegwijzer-reference (or its fake gateway) on loopback: it has no /healthz, any answer means up."""
    return Server(args, port, log, any_answer=True)


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


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
    """`wegwijzer serve` with the Twilio channel (requests signed with TOKEN for PUBLIC_URL) and no
    rate limit to speak of, on `port`, on the store `db` (a file or a postgres:// URL); `extra` goes
    into the channel's settings. Not started yet."""
    config = f"""public_url: {PUBLIC_URL}
rate_limit_per_minute: 100000000
max_batch: {max_batch}
channels:
  twilio: {{enabled: true, account_sid: AC00000000000000000000000000000000, from: "+3197010250999"{extra}}}
"""
    return serve(binary, config, work=work, name=name, port=port, db=db, env={"TWILIO_AUTH_TOKEN": TOKEN}, args=args,
                 public_url=False)


def requests(mode, out, per_client, extra):
    run([sys.executable, os.path.join(HERE, "requests.py"), mode, PUBLIC_URL + "/webhooks/twilio", out, str(CLIENTS), str(per_client), str(extra)],
        env={**os.environ, "TWILIO_AUTH_TOKEN": TOKEN})
    # Written to disk now: written back during a load, the files slowed its fsyncs.
    os.sync()


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


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def combined(runs):
    """Loads of one kind as one: rates and percentiles averaged, the peak RSS the highest, each load kept."""
    mean = lambda key: sum(r[key] for r in runs) / len(runs)
    extra = {key: mean(key) for key in ("writer_busy_fraction", "messages_per_batch", "commits_per_second", "cores_busy") if key in runs[0]}
    extra["cpu_us_per_message"] = {group: sum(r["cpu_us_per_message"][group] for r in runs) / len(runs)
                                   for group in runs[0]["cpu_us_per_message"]}
    result = {**runs[0], **extra, "per_second": mean("per_second"), "p50_ms": mean("p50_ms"), "p99_ms": mean("p99_ms"),
              "peak_rss_mib": max(r["peak_rss_mib"] for r in runs), "runs": runs}
    if "all_stored_once" in runs[0]:
        result["all_stored_once"] = all(r["all_stored_once"] for r in runs)
    return result


def pair_ratios(index, loads, references, flush, reference_first):
    """One pair's ratios: each between two loads of that pair."""
    at = lambda backend, instances, gc: loads[(backend, instances, gc)][index] if (backend, instances, gc) in loads else None
    pair = {"reference_first": reference_first, "disk_flush": flush}
    sqlite, reference = at("sqlite", 1, True), references[index]
    if sqlite:
        pair["throughput_vs_reference"] = sqlite["per_second"] / reference["per_second"]
        pair["p99_vs_reference"] = sqlite["p99_ms"] / reference["p99_ms"]
        pair["group_commit_vs_one_commit_per_message"] = sqlite["per_second"] / at("sqlite", 1, False)["per_second"]
    for backend, instances, gc in loads:
        if backend != "postgres" or not gc:
            continue
        postgres = at(backend, instances, True)
        pair[f"postgres_{instances}_group_commit_vs_one_commit_per_message"] = (
            postgres["per_second"] / at(backend, instances, False)["per_second"])
        if sqlite:
            pair[f"postgres_{instances}_p99_vs_sqlite"] = postgres["p99_ms"] / sqlite["p99_ms"]
    if at("postgres", 1, True) and at("postgres", 2, True):
        pair["postgres_2_vs_1_instance"] = at("postgres", 2, True)["per_second"] / at("postgres", 1, True)["per_second"]
    return pair


def setups_to_run(args, cluster, parser):
    """The stores and instance counts of the end-to-end loads: SQLite with one instance, and
    PostgreSQL with one and with two; --backend and --instances pick one of them (or another count)."""
    if args.backend == "sqlite" and (args.instances or 1) != 1:
        parser.error("SQLite is served by one instance; --instances goes with --backend postgres")
    if args.backend == "postgres" or (args.backend is None and args.instances):
        setups = [("postgres", args.instances)] if args.instances else [("postgres", 1), ("postgres", 2)]
    elif args.backend == "sqlite":
        setups = [("sqlite", 1)]
    else:
        setups = [("sqlite", 1)] + ([("postgres", 1), ("postgres", 2)] if cluster else [])
    if any(backend == "postgres" for backend, _ in setups) and not cluster:
        parser.error("PostgreSQL is not installed (as root, scripts/setup --postgres installs it)")
    return setups


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--pairs", type=int, default=4, help="rounds of the end-to-end loads beside the reference")
    parser.add_argument("--scale-rounds", type=int, default=3, help="loads per scale size and backend, in rounds over all sizes")
    parser.add_argument("--backend", choices=["sqlite", "postgres"],
                        help="only the end-to-end loads on this store, beside the reference (a partial run: its results "
                             "go to the work directory, not to bench/ or docs/)")
    parser.add_argument("--instances", type=int, help="with --backend postgres: only this many serve instances")
    parser.add_argument("--postgres", help="the admin URL of the throwaway cluster scripts/bench started")
    parser.add_argument("--psql", help="that cluster's psql")
    parser.add_argument("--pg-data", help="that cluster's data directory (for its CPU)")
    parser.add_argument("--write-docs-only", action="store_true", help="write docs/benchmark.md from bench/results.json; run nothing")
    args = parser.parse_args()
    if args.write_docs_only:
        print(f"wrote {benchmark_doc.write()}")
        return
    if not args.bin:
        parser.error("--bin is required")
    if args.instances is not None and not 1 <= args.instances <= 8:
        parser.error("--instances must be from 1 to 8")
    if args.quick:
        args.seconds, args.sizes = 5, "1000,20000"
    cluster = Cluster(args.postgres, args.psql, args.pg_data) if args.postgres else None
    setups = setups_to_run(args, cluster, parser)
    partial = args.backend is not None or args.instances is not None
    wegwijzer, reference = os.path.join(args.bin, "wegwijzer"), os.path.join(args.bin, "wegwijzer-reference")
    bench = os.path.join(args.bin, "wegwijzer-bench")
    work = tempfile.mkdtemp(prefix="wegwijzer-bench-", dir="/var/tmp")
    lines_file = os.path.join(work, "intake.txt")
    with open(lines_file, "w") as f:
        f.write("\n".join(intake_inputs()) + "\n")
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    results = {"machine": {"cpus": os.cpu_count(), "uname": " ".join(os.uname())}, "seconds_per_load": args.seconds,
               "made": {"date": datetime.date.today().isoformat(), "commit": commit or "unknown"},
               "clients": CLIENTS, "durability": "SQLite synchronous=FULL, WAL"}
    if cluster:
        settings = {name: cluster.setting(name) for name in ("server_version", "synchronous_commit", "fsync", "shared_buffers")}
        results["postgres_server"] = settings
        results["durability"] += (f"; PostgreSQL {settings['server_version']} synchronous_commit={settings['synchronous_commit']}, "
                                  f"fsync={settings['fsync']}, shared_buffers={settings['shared_buffers']}, on the same disk")
    per_client = max(2000, args.seconds * 400)

    def engine_run(threads):
        print(f"engine ({threads} thread{'s' if threads > 1 else ''}) ...", file=sys.stderr)
        return json.loads(run([bench, "engine", "--inputs", lines_file, "--seconds", str(max(2, args.seconds // 4)),
                               "--threads", str(threads)]))

    def engine_runs():
        """One thread, and one per core: the server works turns out on every core at once."""
        return {1: engine_run(1), os.cpu_count(): engine_run(os.cpu_count())}

    # Each client's intakes as signed requests, for every load of the side-by-side runs.
    conversation = os.path.join(work, "conversation")
    requests("conversation", conversation, per_client, lines_file)

    def end_to_end_run(index, backend, instances, max_batch=64):
        label = f"{backend}-{instances}" + ("" if max_batch > 1 else "-one-commit-per-message")
        print(f"end to end, {label} ({index + 1}) ...", file=sys.stderr)
        name = f"e2e-{label}-{index}"
        store = (SQLiteStore(os.path.join(work, f"{name}.sqlite")) if backend == "sqlite"
                 else PostgresStore(cluster, name.replace("-", "_")))
        # What the load makes the server send besides its replies (invitations to the network members
        # an intake names) goes to the fake gateway, as it would go to Twilio: sent, not retried.
        with contextlib.ExitStack() as stack:
            servers = [stack.enter_context(twilio_server(wegwijzer, work, f"{name}-{i}", free_port(), store.url,
                                                         f", api_base: 'http://127.0.0.1:{gateway_port}'",
                                                         max_batch=max_batch, args=["--flows", flows]))
                       for i in range(instances)]
            before, started = writer_metrics(servers), time.monotonic()
            e2e = loaded(servers, store, conversation, args.seconds, CLIENTS)
            after, elapsed = writer_metrics(servers), time.monotonic() - started
            e2e["peak_rss_mib"] = max(peak_rss_kib(s) for s in servers) / 1024
        # How much of the load's time each instance's writer spent in write transactions, in batches
        # of how many, and how many commits that made per second.
        batches = after["batches"] - before["batches"]
        e2e["writer_busy_fraction"] = (after["busy_seconds"] - before["busy_seconds"]) / elapsed / instances
        e2e["messages_per_batch"] = (after["messages"] - before["messages"]) / batches if batches else 0
        e2e["commits_per_second"] = batches / elapsed
        e2e["stored_inbound"] = store.count("SELECT COUNT(*) FROM message WHERE direction = 'in'")
        e2e["distinct_provider_ids"] = store.count("SELECT COUNT(DISTINCT providerId) FROM message WHERE direction = 'in'")
        # Every answered request is one stored message, none stored twice; at most one request per client
        # was still in flight when wrk stopped counting (applied, but not in wrk's total).
        answered = e2e["requests"] - e2e["non2xx"]
        e2e["all_stored_once"] = (e2e["distinct_provider_ids"] == e2e["stored_inbound"]
                                  and answered <= e2e["stored_inbound"] <= answered + CLIENTS)
        return e2e

    def reference_run(index):
        print(f"reference ({index + 1}) ...", file=sys.stderr)
        port = free_port()
        with reference_process([reference, "--port", str(port), "--db", os.path.join(work, f"reference-{index}.sqlite")], port,
                               os.path.join(work, f"reference-{index}.log")) as server:
            ref = loaded([server], SQLiteStore(os.path.join(work, f"reference-{index}.sqlite")), conversation, args.seconds, CLIENTS)
            ref["peak_rss_mib"] = peak_rss_kib(server) / 1024
        return ref

    # The speed of a shared virtual machine can drift by a third over minutes, so the loads run in
    # rounds ("pairs"): in each, the product on SQLite right beside the reference on the same requests
    # (every other pair the reference first, so a drift favours each side in turn), then each store
    # and instance count with group commit on and off (`max_batch: 1`), in reverse order every
    # other pair. Ratios are taken within a pair, then averaged; the engine runs between pairs and
    # its median counts.
    reference_first = lambda index: index % 2 == 1
    engines, references, flushes = [engine_runs()], [], []
    loads = {(backend, instances, gc): [] for backend, instances in setups for gc in (True, False)}
    flows = always_open_flows(os.path.join(work, "flows"))
    gateway_port = free_port()
    with reference_process([reference, "gateway", "--port", str(gateway_port)], gateway_port, os.path.join(work, "e2e-gateway.log")):
        for index in range(args.pairs):
            flushes.append(flush_latency_us(work))
            order = [(backend, instances, gc) for backend, instances in setups for gc in (True, False)]
            if index % 2 == 1:
                order.reverse()
            if ("sqlite", 1, True) in order:  # the reference right beside it
                order.remove(("sqlite", 1, True))
                order.insert(0, ("sqlite", 1, True))
            if reference_first(index):
                references.append(reference_run(index))
            for position, (backend, instances, gc) in enumerate(order):
                loads[(backend, instances, gc)].append(end_to_end_run(index, backend, instances, 64 if gc else 1))
                if position == 0 and not reference_first(index):
                    references.append(reference_run(index))
            engines.append(engine_runs())

    def median_engine(threads):
        runs = sorted((e[threads] for e in engines), key=lambda e: e["turns_per_second"])
        return {**runs[len(runs) // 2], "runs_turns_per_second": [e["turns_per_second"] for e in runs]}
    results["engine"] = median_engine(os.cpu_count())
    results["engine_single_thread"] = median_engine(1)
    results["reference"] = combined(references)
    results["stores"] = {f"{backend}-{instances}": {"group_commit": combined(loads[(backend, instances, True)]),
                                                    "one_commit_per_message": combined(loads[(backend, instances, False)])}
                         for backend, instances in setups}
    results["pairs"] = [pair_ratios(index, loads, references, flushes[index], reference_first(index)) for index in range(args.pairs)]
    if partial:
        path = os.path.join(work, "results.json")
        with open(path, "w") as f:
            json.dump(results, f, indent=2, sort_keys=True)
        print_stores(results)
        print(f"\nresults: {path}; logs and databases in {work}")
        return
    results["end_to_end"] = results["stores"]["sqlite-1"]["group_commit"]
    results["end_to_end_one_commit_per_message"] = results["stores"]["sqlite-1"]["one_commit_per_message"]
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
    results["reminders"] = reminders_run(args, work, wegwijzer, reference, bench)
    results["scale"], results["scale_postgres"] = scale_runs(args, work, wegwijzer, bench, cluster, per_client)

    results["ratios"], results["targets"] = judged(results)
    os.makedirs(os.path.join(ROOT, "bench"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results.json"), "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
        f.write("\n")
    # A full run is what docs/benchmark.md shows; a quick one only checks the set-up.
    if not args.quick:
        print(f"wrote {benchmark_doc.write()}", file=sys.stderr)
    print_summary(results)
    print(f"\nresults: bench/results.json; logs and databases in {work}")


def reminders_run(args, work, wegwijzer, reference, bench):
    """`remind --once` queues the reminders of seeded inwoners, then `serve` sends them to the fake gateway."""
    print("reminders ...", file=sys.stderr)
    store = SQLiteStore(os.path.join(work, "reminders.sqlite"))
    inwoners = 2000 if args.quick else 10000
    run([bench, "seed", "--db", store.path, "--inwoners", str(inwoners), "--due", "2026-11-24T10:00:00+01:00"])
    started = time.monotonic()
    run([wegwijzer, "remind", "--once", "--db", store.path, "--now", "2026-12-04T10:00:00+01:00"])
    queued_seconds = time.monotonic() - started
    pending = "SELECT COUNT(*) FROM outbox WHERE status = 'pending'"
    queued = store.count(pending)
    gateway_port, port = free_port(), free_port()
    with reference_process([reference, "gateway", "--port", str(gateway_port)], gateway_port, os.path.join(work, "gateway.log")) as gateway:
        started = time.monotonic()
        with twilio_server(wegwijzer, work, "reminders", port, store.path, f", api_base: 'http://127.0.0.1:{gateway_port}', reply_mode: rest"):
            deadline = started + 600
            while store.count(pending) > 0 and time.monotonic() < deadline:
                time.sleep(0.2)
            sent_seconds = time.monotonic() - started
        received = int(urllib.request.urlopen(gateway.url + "/count").read())
    return {"jobs_queued": queued, "queue_seconds": queued_seconds, "queued_per_second": queued / queued_seconds,
            "sent": store.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"), "gateway_received": received,
            "send_seconds": sent_seconds, "sent_per_second": received / sent_seconds}


def scale_runs(args, work, wegwijzer, bench, cluster, per_client):
    """Scale on each store: each size is seeded once (on PostgreSQL, `wegwijzer db copy` of the seeded
    SQLite file); then the loads run in rounds over all sizes and stores, each on a fresh copy of
    its seeded database, so a drift of the machine's speed touches every size alike. The server
    takes answers from random inwoners of the N."""
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = ["sqlite"] + (["postgres"] if cluster else [])
    entries = {backend: [] for backend in backends}
    templates, scale_requests = {}, {}
    for size in sizes:
        print(f"scale {size}: seeding ...", file=sys.stderr)
        template = os.path.join(work, f"scale-{size}.template.sqlite")
        # The reminders are pending, due from two days on: none is sent by the server during the load
        # (a fixed date in the past made the server send them all while being measured).
        due = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        seeded = json.loads(run([bench, "seed", "--db", template, "--inwoners", str(size), "--due", due]))
        lookup = json.loads(run([bench, "lookup", "--db", template, "--at", due]))
        templates[size] = template
        entries["sqlite"].append({"inwoners": size, "seed_seconds": seeded["seconds"], "database_mib": os.path.getsize(template) / 2**20,
                                  "due_lookup": lookup, "rounds": [], "jobs_run_during_load": 0})
        if cluster:
            print(f"scale {size}: db copy to PostgreSQL ...", file=sys.stderr)
            target = cluster.database(f"scale_{size}_template").create()
            started = time.monotonic()
            run([wegwijzer, "db", "copy", "--from", template, "--to", target.url])
            copy_seconds = time.monotonic() - started
            # As a database that has served a while: statistics for the planner, the visibility map set.
            target.execute("VACUUM (ANALYZE)")
            entries["postgres"].append({"inwoners": size, "copy_seconds": copy_seconds, "database_mib": target.megabytes(),
                                        "rounds": [], "jobs_run_during_load": 0})
        scale_requests[size] = os.path.join(work, f"scale-requests-{size}")
        requests("scale", scale_requests[size], per_client, size)
    for round_index in range(args.scale_rounds):
        for size_index, size in enumerate(sizes):
            for backend in (backends if round_index % 2 == 0 else list(reversed(backends))):
                print(f"scale {size}, {backend}: load {round_index + 1} ...", file=sys.stderr)
                entry = entries[backend][size_index]
                name = f"scale-{backend}-{size}-{round_index}"
                if backend == "sqlite":
                    store = SQLiteStore(os.path.join(work, f"scale-{size}.sqlite"))
                    shutil.copyfile(templates[size], store.path)
                    # The copy leaves gigabytes of dirty pages: written back during the load, they made
                    # every fsync wait (p99 half a second at a million). They are written back before it.
                    os.sync()
                    page_in_like_a_server(store.path)
                else:
                    store = PostgresStore(cluster, f"scale_{size}", template=f"scale_{size}_template")
                    os.sync()
                with twilio_server(wegwijzer, work, name, free_port(), store.url) as server:
                    before = writer_metrics([server])
                    load = loaded([server], store, scale_requests[size], args.seconds, CLIENTS)
                    after = writer_metrics([server])
                # A stall shows as commits that took long: the writer waited for the disk's flush.
                for bound, key in ((0.05, "commits_over_50ms"), (0.1, "commits_over_100ms")):
                    load[key] = after["slower_than"].get(bound, 0) - before["slower_than"].get(bound, 0)
                load["slowest_commit"] = slowest_commit(before, after)
                entry["rounds"].append(load)
                entry["jobs_run_during_load"] += store.count("SELECT COUNT(*) FROM job WHERE status != 'pending'")
                store.remove()
    for size in sizes:
        os.remove(templates[size])
        shutil.rmtree(scale_requests[size], ignore_errors=True)
        if cluster:
            cluster.database(f"scale_{size}_template").drop()
    for backend_entries in entries.values():
        for entry in backend_entries:
            rounds = entry["rounds"]
            # Over the rounds: the mean rate and percentiles, the slowest request, and the counts summed.
            entry["turns"] = {**{key: sum(r[key] for r in rounds) / len(rounds) for key in ("per_second", "p50_ms", "p90_ms", "p99_ms")},
                              "max_ms": max(r["max_ms"] for r in rounds),
                              "cpu_us_per_message": sum(r["cpu_us_per_message"]["total"] for r in rounds) / len(rounds),
                              **{key: sum(r[key] for r in rounds) for key in ("requests", "non2xx", "timeouts", "commits_over_50ms", "commits_over_100ms")}}
        if backend_entries:
            small, large = backend_entries[0], backend_entries[-1]
            for s, l in zip(small["rounds"], large["rounds"]):
                l["p99_vs_smallest"] = l["p99_ms"] / s["p99_ms"]
                l["cpu_vs_smallest"] = l["cpu_us_per_message"]["total"] / s["cpu_us_per_message"]["total"]
    return entries["sqlite"], entries.get("postgres", [])


def judged(results):
    """The ratios the targets judge, and the targets."""
    e2e, engine, pairs = results["end_to_end"], results["engine"], results["pairs"]
    mean_of_pairs = lambda key: sum(p[key] for p in pairs) / len(pairs)
    ratios = {
        "throughput_vs_reference": mean_of_pairs("throughput_vs_reference"),
        "p99_vs_reference": mean_of_pairs("p99_vs_reference"),
        "group_commit_vs_one_commit_per_message": mean_of_pairs("group_commit_vs_one_commit_per_message"),
        "engine_vs_end_to_end": engine["turns_per_second"] / e2e["per_second"],
        "engine_single_thread_vs_end_to_end": results["engine_single_thread"]["turns_per_second"] / e2e["per_second"],
    }
    for key in pairs[0]:
        if key.startswith("postgres_"):
            ratios[key] = mean_of_pairs(key)
    sqlite_scale, postgres_scale = results["scale"], results["scale_postgres"]
    small, large = sqlite_scale[0], sqlite_scale[-1]
    for backend, entries in (("sqlite", sqlite_scale), ("postgres", postgres_scale)):
        if entries:
            ratios[f"scale_{backend}_p99_largest_vs_smallest"] = median([r["p99_vs_smallest"] for r in entries[-1]["rounds"]])
            ratios[f"scale_{backend}_cpu_largest_vs_smallest"] = median([r["cpu_vs_smallest"] for r in entries[-1]["rounds"]])
    ratios["lookup_p99_largest_vs_smallest"] = large["due_lookup"]["p99_us"] / small["due_lookup"]["p99_us"]
    r = ratios
    sizes = f"{large['inwoners']:,} / {small['inwoners']:,}"
    targets = {
        "throughput >= 0.7 x reference": r["throughput_vs_reference"] >= 0.7,
        "throughput beyond 1.0 x reference (group commit)": r["throughput_vs_reference"] > 1.0,
        "group commit beyond 1.0 x one commit per message": r["group_commit_vs_one_commit_per_message"] > 1.0,
        "p99 <= 2 x reference": r["p99_vs_reference"] <= 2,
        "server RSS <= 64 MiB": e2e["peak_rss_mib"] <= 64,
        f"engine on {results['machine']['cpus']} threads >= 20 x end to end": r["engine_vs_end_to_end"] >= 20,
        "scale loads ran without reminders falling due": all(s["jobs_run_during_load"] == 0 for s in sqlite_scale + postgres_scale),
        "due lookup uses the index": all("USING INDEX job_due" in " ".join(s["due_lookup"]["plan"]) for s in sqlite_scale),
        "every acknowledged message stored once": all(store[kind]["all_stored_once"] for store in results["stores"].values()
                                                      for kind in ("group_commit", "one_commit_per_message")),
        "typical intake <= 45 messages in": results["intakes"]["typical"]["inbound_messages"] <= 45
                                            and results["intakes"]["typical"]["modules_completed"] == 3,
    }
    for backend, name in (("sqlite", "SQLite"), ("postgres", "PostgreSQL")):
        if f"scale_{backend}_p99_largest_vs_smallest" in r:
            targets[f"{name}: p99 at {sizes} inwoners <= 1.3 (median of rounds)"] = r[f"scale_{backend}_p99_largest_vs_smallest"] <= 1.3
            targets[f"{name}: CPU per message at {sizes} inwoners <= 1.1 (median of rounds)"] = r[f"scale_{backend}_cpu_largest_vs_smallest"] <= 1.1
    for instances in (1, 2):
        if f"postgres_{instances}_group_commit_vs_one_commit_per_message" in r:
            targets[f"PostgreSQL, {instances} instance{'s' if instances > 1 else ''}: group commit >= 2 x one commit per message"] = (
                r[f"postgres_{instances}_group_commit_vs_one_commit_per_message"] >= 2)
            targets[f"PostgreSQL, {instances} instance{'s' if instances > 1 else ''}: p99 <= 2 x SQLite p99"] = (
                r[f"postgres_{instances}_p99_vs_sqlite"] <= 2)
    if "postgres_2_vs_1_instance" in r:
        targets["PostgreSQL: 2 instances >= 0.9 x 1 instance"] = r["postgres_2_vs_1_instance"] >= 0.9
    return ratios, targets


def print_rows(rows):
    for name, value in rows:
        print(f"{name:48} {value:>14}")


def print_stores(results):
    """The side-by-side table: each store and instance count, with group commit and without."""
    print(f"\n{'end to end, 32 clients':48} {'turns/s':>14}   p50 / p99 ms   commits/s   cores busy   CPU µs per message")
    for name, store in [("reference", {"": results["reference"]})] + list(results["stores"].items()):
        for kind, load in store.items():
            label = f"{name} {kind.replace('_', ' ')}".strip()
            commits = f"{load['commits_per_second']:.0f}" if "commits_per_second" in load else "-"
            print(f"{label:48} {load['per_second']:>14.0f}   {load['p50_ms']:.1f} / {load['p99_ms']:.1f}   {commits:>9}"
                  f"   {load['cores_busy']:>10.2f}   {benchmark_doc.split_cpu(load)}")
    for key in sorted(k for k in results["pairs"][0] if k.startswith("postgres_")):
        print(f"{key.replace('_', ' '):48} {' / '.join(f'{p[key]:.2f}' for p in results['pairs']):>14}")


def print_summary(results):
    e2e, ref, engine, r = results["end_to_end"], results["reference"], results["engine"], results["ratios"]
    cpus = results["machine"]["cpus"]
    print_stores(results)
    rows = [
        (f"engine, turns/s ({cpus} threads, median)", f"{engine['turns_per_second']:.0f}"),
        ("  each run", " / ".join(f"{t / 1000:.0f}k" for t in engine["runs_turns_per_second"])),
        ("engine, turns/s (1 thread, median)", f"{results['engine_single_thread']['turns_per_second']:.0f}"),
        ("  writer busy / messages per batch (SQLite)", f"{e2e['writer_busy_fraction']:.0%} / {e2e['messages_per_batch']:.1f}"),
        ("reference, p50 / p99 ms", f"{ref['p50_ms']:.1f} / {ref['p99_ms']:.1f}"),
        ("throughput / reference (mean of pairs)", f"{r['throughput_vs_reference']:.2f}"),
        ("  each pair (R: reference first)", " / ".join(f"{p['throughput_vs_reference']:.2f}{'R' if p['reference_first'] else ''}"
                                                        for p in results["pairs"])),
        ("disk flush before each pair, median µs", " / ".join(f"{p['disk_flush']['median_us']:.0f}" for p in results["pairs"])),
        ("p99 / reference p99 (mean of pairs)", f"{r['p99_vs_reference']:.2f}"),
        ("group commit / one commit per message", f"{r['group_commit_vs_one_commit_per_message']:.2f}"),
        (f"engine ({cpus} threads) / end to end", f"{r['engine_vs_end_to_end']:.1f}"),
        ("server peak RSS, MiB", f"{e2e['peak_rss_mib']:.1f}"),
        ("reminders queued/s (remind --once)", f"{results['reminders']['queued_per_second']:.0f}"),
        ("reminders sent/s (fake gateway)", f"{results['reminders']['sent_per_second']:.0f}"),
        ("CPU per message: turn worked out / writer, µs", f"{results['cpu_per_message']['prepare_cpu_us']:.0f} / {results['cpu_per_message']['write_cpu_us']:.0f}"),
        ("SMS for a whole intake: in / out / segments", f"{results['cost']['inbound_messages']} / {results['cost']['outbound_messages']} / {results['cost']['outbound_segments']}"),
    ]
    for name, intake in results["intakes"].items():
        rows.append((f"{name} intake: messages in / out / SMS segments",
                     f"{intake['inbound_messages']} / {intake['outbound_messages']} / {intake['outbound_segments']}"))
    for backend, entries in (("SQLite", results["scale"]), ("PostgreSQL", results["scale_postgres"])):
        for s in entries:
            rows.append((f"{backend}, {s['inwoners']:>9,} inwoners: p50 / p99 ms", f"{s['turns']['p50_ms']:.1f} / {s['turns']['p99_ms']:.1f}"))
            rows.append(("  p99 ms, slowest commit, CPU µs/msg per round",
                         " / ".join(f"{x['p99_ms']:.1f} ({x['slowest_commit']}, {x['cpu_us_per_message']['total']:.0f})" for x in s["rounds"])))
    print_rows(rows)
    for key in sorted(k for k in r if k.startswith("scale_")):
        print(f"{key.replace('_', ' '):48} {r[key]:>14.2f}")
    for name, ok in results["targets"].items():
        print(f"{'met ' if ok else 'MISSED'}  {name}")


if __name__ == "__main__":
    main()
