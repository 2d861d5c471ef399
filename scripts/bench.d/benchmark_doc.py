"""Writes docs/benchmark.md from bench/results.json: what is measured, how to run it, the
conditions, one table of the latest run, and which targets it met. scripts/bench calls it after a
full run; `scripts/bench --write-docs-only` calls it on the results already there."""
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

INTRO = """\
# Benchmark

For developers and operators who want to know what one Wegwijzer server can carry.
This file is written by `scripts/bench` from `bench/results.json`; do not edit it by hand
(change `scripts/bench.d/benchmark_doc.py` instead).

## What is measured

Everything runs on 127.0.0.1 and is bounded in time.

- **The engine alone** (`wegwijzer-bench engine`): whole intakes replayed in process, on one
  thread and on one thread per core, each thread with an engine of its own (as the server's
  `EnginePool` gives each core one). The server works turns out on every core at once, so the
  engine on all cores is its capacity beside the end-to-end rate. It runs before, between and
  after the pairs below; the median counts.
- **End to end**: `wrk` with 32 connections, one per client. Each client is a different inwoner
  who walks whole intakes through signed Twilio-style webhook requests
  (`scripts/bench.d/requests.py`, every MessageSid new). The server runs with a send window that
  never closes, and sends what the load makes it send besides its replies (invitations to
  network members) to a fake gateway. So every run does that work, whatever the day and hour.
- **The reference** (`wegwijzer-reference`, a benchmark-only target): a Hummingbird route that
  parses the same form, reads one row and writes two rows in one SQLite WAL transaction with
  `synchronous=FULL`, and answers TwiML. It is the least a per-message webhook can do.
  The end-to-end and reference loads run in pairs on the same requests, one right after the
  other; every other pair runs the reference first. Ratios are taken per pair, then averaged.
- **One commit per message**: the product once more with `max_batch: 1`, to show what group
  commit gains for the same work.
- **The stores side by side**: the same loads on PostgreSQL (a throwaway cluster on the same
  disk, durable: `fsync` and `synchronous_commit` on), with one `serve` instance and with two on
  one database, each with group commit on and off. With two instances the clients are shared
  out between them, as a load balancer would: every request is signed for one public URL that
  both instances have as `public_url`. The loads run in rounds ("pairs"), the order reversed
  every other round, and each ratio is taken within a round, then averaged.
- **Around each load**: the servers' `/metrics` (how much of the time each writer spent in
  write transactions, messages per batch, commits per second, commits over 50 and 100 ms), the
  peak RSS (VmHWM), and the CPU per answered message: of the servers by thread group (request
  tasks, HTTP event loops, database queues) and of PostgreSQL's processes. The total counts
  both, so the stores compare on the same terms.
- **The disk**: before each pair, 300 `fdatasync` calls after a 4 KiB write on the idle disk.
  That is what one durable commit costs at least: the reference pays it per message, group
  commit per batch.
- **CPU per message in process** (`wegwijzer-bench turns`): thread CPU time of the turn worked
  out ahead and of the writer. It moves less than the rates do, so it is the figure to compare
  builds with.
- **Reminders**: `remind --once` queues reminders for 10,000 seeded inwoners, then `serve`
  delivers them to the fake gateway.
- **Intakes**: the SMS cost of one whole intake through the real pipeline (`wegwijzer-bench
  cost`), and of the three scripted intakes in `bench/intakes` (short, typical, long).
- **Scale**: `wegwijzer-bench seed` fills a database with N inwoners mid-conversation, each with a
  goal, two actions, reminder and follow-up jobs and six messages; `wegwijzer db copy` moves it
  into PostgreSQL. `wegwijzer-bench lookup` times the due-job lookup on SQLite and prints its query
  plan. Then the server takes answers from random inwoners of the N. The loads run in rounds over
  all sizes and both stores, each on a fresh copy of its seeded database (on PostgreSQL, a
  `CREATE DATABASE … TEMPLATE` file copy). The ratios of the largest size to the smallest, for
  p99 and for CPU per message, are taken per round; the median of the rounds counts, because one
  slow disk flush can lift one round's p99 threefold. Each round's slowest commit (as the
  commit-time histogram bounds it) stands beside its p99, so a stall shows as one.

## How to run it

```sh
scripts/bench                       # the full run: about 45 minutes on 2 cores, once built
scripts/bench --quick               # 5-second loads, 1,000 and 20,000 inwoners: checks the set-up
scripts/bench --seconds 30 --sizes 1000,100000 --pairs 2 --scale-rounds 2
scripts/bench --backend postgres --instances 2   # only those loads beside the reference
scripts/bench --write-docs-only     # write this file again from bench/results.json
```

`scripts/bench` installs `wrk` and PostgreSQL (through `scripts/setup --bench --postgres`, as
root), builds a release of `wegwijzer`, `wegwijzer-bench` and `wegwijzer-reference`, starts a
throwaway PostgreSQL cluster (`shared_buffers` 1 GB, stopped when the bench ends) and writes
`bench/results.json`. A full run (not `--quick`, `--backend` or `--instances`) also writes this
file; a run with `--backend` or `--instances` writes its results to its work directory only.
Without PostgreSQL the bench measures SQLite alone. Logs and databases stay in a directory under `/var/tmp`,
printed at the end.

Compare ratios from one run, not figures across runs: the speed of a virtual machine and the
time its disk takes to flush drift from hour to hour.
"""


READING = """\
## Reading the table

- **Throughput / reference**: the product's rate over the reference's on the same requests. The
  reference commits once per message; the product commits once per batch (group commit). So
  the dearer the disk's flush, the better the product does against it.
- **Group commit / one commit per message**: the same product with `max_batch: 64` and with
  `max_batch: 1`. Above 1.0 means group commit pays for itself.
- **p99 / reference p99**: under group commit a message that arrives while a batch commits
  waits for that batch and then its own. With the writer busy most of a 20 s load the product's
  p99 comes near twice the reference's; 5 s loads (`--quick`) stay near 1.
- **Engine / end to end**: the engine on all cores against the end-to-end rate. The higher it is,
  the smaller the dialogue's share of a turn's cost beside HTTP, SQLite and the disk.
- **Cores busy**: the CPU seconds of the servers and of PostgreSQL per second of load. Near the
  machine's number of cores, the load was bound by CPU, and what a commit waits for (the disk's
  flush) no longer decides the rate.
- **PostgreSQL: group commit / one commit per message**: a commit waits for PostgreSQL's WAL
  flush as it waits for SQLite's, so batching many inwoners per transaction saves flushes on
  both. How much that adds to the rate depends on whether the flushes or the CPU bound it.
- **PostgreSQL: 2 instances / 1 instance**: on 2 cores, shared by the client, PostgreSQL and the
  servers, a second instance has no core of its own; the target is that it costs (almost)
  nothing. With more cores it adds throughput.
- **p99 and CPU per message at the largest / the smallest size**: whether a turn slows down or
  costs more as the database grows. A commit over 50 ms is a stall of the disk's flush; the table
  gives each round's slowest commit, as one slow flush in a load can lift its p99.
"""


def fmt(x, digits=0):
    return f"{x:,.{digits}f}"


def split_cpu(run):
    cpu = run["cpu_us_per_message"]
    database = f", PostgreSQL {fmt(cpu['database_server'])}" if cpu.get("database_server") else ""
    return (f"{fmt(cpu['total'])} µs (request tasks {fmt(cpu['request_tasks'])}, event loops {fmt(cpu['event_loops'])}, "
            f"database queues {fmt(cpu['database_queues'])}{database})")


def rate(run):
    return f"{fmt(run['per_second'])} turns/s, p50 {run['p50_ms']:.1f} ms, p99 {run['p99_ms']:.1f} ms"


def runs_of(run, key="per_second"):
    return " / ".join(fmt(r[key]) for r in run.get("runs", []))


def store_rows(results, target):
    """The stores side by side: PostgreSQL with one and two instances, group commit on and off,
    beside SQLite's loads above."""
    stores, pairs, r = results.get("stores", {}), results["pairs"], results["ratios"]
    rows = []
    each = lambda key: " / ".join(f"{p[key]:.2f}" for p in pairs)
    for name, store in stores.items():
        backend, instances = name.split("-")
        if backend != "postgres":
            continue
        label = f"PostgreSQL, {instances} instance{'s' if instances != '1' else ''}"
        gc, one = store["group_commit"], store["one_commit_per_message"]
        rows += [
            (f"{label}, group commit (mean of {len(pairs)} loads)",
             f"{rate(gc)} ({runs_of(gc)}); {gc['commits_per_second']:.0f} commits/s, {gc['messages_per_batch']:.1f} messages "
             f"per batch; peak RSS {gc['peak_rss_mib']:.1f} MiB; {split_cpu(gc)}; cores busy {gc['cores_busy']:.2f}", ""),
            (f"{label}, one commit per message", f"{rate(one)}; {one['commits_per_second']:.0f} commits/s; {split_cpu(one)}; "
                                                 f"cores busy {one['cores_busy']:.2f}", ""),
            (f"{label}: group commit / one commit per message",
             f"**{r[f'postgres_{instances}_group_commit_vs_one_commit_per_message']:.2f}** "
             f"({each(f'postgres_{instances}_group_commit_vs_one_commit_per_message')})",
             target(f"{label}: group commit")),
            (f"{label}: p99 / SQLite p99", f"**{r[f'postgres_{instances}_p99_vs_sqlite']:.2f}** "
                                          f"({each(f'postgres_{instances}_p99_vs_sqlite')})", target(f"{label}: p99")),
        ]
    if "postgres_2_vs_1_instance" in r:
        rows.append(("PostgreSQL: 2 instances / 1 instance (throughput, group commit)",
                     f"**{r['postgres_2_vs_1_instance']:.2f}** ({each('postgres_2_vs_1_instance')})", target("PostgreSQL: 2 instances")))
    return rows


def render(results):
    cpus = results["machine"]["cpus"]
    pairs = results["pairs"]
    e2e, ref, one = results["end_to_end"], results["reference"], results["end_to_end_one_commit_per_message"]
    engine, single = results["engine"], results["engine_single_thread"]
    r, targets = results["ratios"], dict(results["targets"])
    scale = results["scale"]
    small = scale[0]
    flushes = [p["disk_flush"]["median_us"] for p in pairs]

    def target(prefix):
        """The target whose name starts with `prefix`, as 'met' or 'missed', and taken off the list."""
        for name in list(targets):
            if name.startswith(prefix):
                return f"{name}: **{'met' if targets.pop(name) else 'missed'}**"
        return ""

    each_pair = lambda key: " / ".join(f"{p[key]:.2f}{' R' if p['reference_first'] else ''}" for p in pairs)
    rows = [
        (f"engine on {cpus} threads (median of {len(engine['runs_turns_per_second'])} runs)",
         f"{fmt(engine['turns_per_second'])} turns/s", ""),
        (f"engine on 1 thread (median of {len(single['runs_turns_per_second'])} runs)",
         f"{fmt(single['turns_per_second'])} turns/s", ""),
        (f"end to end, {results['clients']} clients (mean of {len(pairs)} loads)", f"{rate(e2e)} ({runs_of(e2e)})", ""),
        ("the writer during that load", f"busy {e2e['writer_busy_fraction']:.0%} of the time, "
                                        f"{e2e['messages_per_batch']:.1f} messages per batch", ""),
        ("the server's CPU per answered message", f"{split_cpu(e2e)}; cores busy {e2e['cores_busy']:.2f}", ""),
        ("one commit per message (`max_batch: 1`)", f"{rate(one)}; writer busy {one['writer_busy_fraction']:.0%}; {split_cpu(one)}", ""),
        (f"reference (mean of {len(pairs)} loads)", f"{rate(ref)} ({runs_of(ref)}); {split_cpu(ref)}", ""),
        ("throughput / reference (each pair; R = reference first)",
         f"**{r['throughput_vs_reference']:.2f}** ({each_pair('throughput_vs_reference')})",
         target("throughput >= 0.7") + "; " + target("throughput beyond 1.0")),
        ("group commit / one commit per message", f"**{r['group_commit_vs_one_commit_per_message']:.2f}** "
                                                  f"({each_pair('group_commit_vs_one_commit_per_message')})",
         target("group commit beyond")),
        ("p99 / reference p99", f"**{r['p99_vs_reference']:.2f}** ({each_pair('p99_vs_reference')})", target("p99 <= 2")),
        (f"engine on {cpus} threads / end to end", f"**{r['engine_vs_end_to_end']:.1f}** "
                                                   f"(on 1 thread: {r['engine_single_thread_vs_end_to_end']:.1f})",
         target(f"engine on {cpus} threads")),
        ("server peak RSS under load", f"**{e2e['peak_rss_mib']:.1f} MiB**", target("server RSS")),
        ("every answered request stored once", "yes" if e2e["all_stored_once"] and one["all_stored_once"] else "**no**",
         target("every acknowledged message")),
        *store_rows(results, target),
        ("CPU per message in process: turn worked out / writer",
         f"{results['cpu_per_message']['prepare_cpu_us']:.0f} / {results['cpu_per_message']['write_cpu_us']:.0f} µs "
         f"(batches of {results['cpu_per_message']['batch']})", ""),
    ]
    rem = results["reminders"]
    rows.append(("reminders: queued by `remind --once` / sent to the fake gateway",
                 f"{fmt(rem['queued_per_second'])}/s / {fmt(rem['sent_per_second'])}/s "
                 f"({fmt(rem['jobs_queued'])} queued, {fmt(rem['gateway_received'])} received)", ""))
    cost = results["cost"]
    rows.append(("SMS for one whole intake (all 3 modules)",
                 f"{cost['inbound_messages']} in, {cost['outbound_messages']} out, {cost['outbound_segments']} segments", ""))
    intakes = results.get("intakes", {})
    if intakes:
        rows.append(("scripted intakes: messages in / out / SMS segments",
                     "; ".join(f"{name} {i['inbound_messages']} / {i['outbound_messages']} / {i['outbound_segments']}"
                               for name, i in intakes.items()),
                     target("typical intake")))
    rows.append(("due lookup's query plan (SQLite)", f"`{small['due_lookup']['plan'][0]}` at every size"
                 if all(s["due_lookup"]["plan"] == small["due_lookup"]["plan"] for s in scale) else "differs by size",
                 target("due lookup uses")))
    for backend, name in (("sqlite", "SQLite"), ("postgres", "PostgreSQL")):
        entries = scale if backend == "sqlite" else results.get("scale_postgres", [])
        for s in entries:
            t = s["turns"]
            made = (f"seeded in {s['seed_seconds']:.1f} s" if "seed_seconds" in s else f"`db copy` in {s['copy_seconds']:.0f} s")
            lookup = f"; due lookup p99 {s['due_lookup']['p99_us']:.0f} µs" if "due_lookup" in s else ""
            rows.append((f"{name}, {fmt(s['inwoners'])} inwoners: turn p50 / p99 (each round's p99, slowest commit, CPU per message)",
                         f"{t['p50_ms']:.1f} / {t['p99_ms']:.1f} ms ("
                         + "; ".join(f"{x['p99_ms']:.1f} ms, commit {x['slowest_commit']}, {x['cpu_us_per_message']['total']:.0f} µs"
                                     for x in s["rounds"])
                         + f"); slowest request {t['max_ms']:.0f} ms{lookup}; {made}, {fmt(s['database_mib'])} MiB", ""))
        if entries:
            big, little = fmt(entries[-1]["inwoners"]), fmt(entries[0]["inwoners"])
            rows.append((f"{name}: p99 at {big} / at {little} inwoners (each round)",
                         f"**{r[f'scale_{backend}_p99_largest_vs_smallest']:.2f}** median "
                         f"({' / '.join('%.2f' % x['p99_vs_smallest'] for x in entries[-1]['rounds'])})",
                         target(f"{name}: p99 at")))
            rows.append((f"{name}: CPU per message at {big} / at {little} inwoners (each round)",
                         f"**{r[f'scale_{backend}_cpu_largest_vs_smallest']:.2f}** median "
                         f"({' / '.join('%.2f' % x['cpu_vs_smallest'] for x in entries[-1]['rounds'])})",
                         target(f"{name}: CPU per message at")))
    rows.append(("jobs run by the server during the scale loads",
                 str(sum(s["jobs_run_during_load"] for s in scale + results.get("scale_postgres", []))),
                 target("scale loads ran")))
    for name, ok in list(targets.items()):  # targets no row above names
        rows.append(("", "", f"{name}: **{'met' if ok else 'missed'}**"))

    made = results.get("made", {})
    conditions = [
        f"- {cpus} cores (`{results['machine']['uname']}`).",
        f"- Disk: `fdatasync` of 4 KiB on the idle disk took a median of "
        f"{' / '.join(f'{x:.0f}' for x in flushes)} µs before each pair.",
        f"- Loads of {results['seconds_per_load']} s, {results['clients']} clients, {results['durability']}; "
        f"{len(pairs)} pairs; scale at {', '.join(fmt(s['inwoners']) for s in scale)} inwoners "
        f"in {len(small['rounds'])} rounds.",
    ]
    if made:
        conditions.insert(0, f"- Made on {made.get('date', '?')} from commit `{made.get('commit', '?')}`.")
    else:
        # Results from before the bench recorded its commit: say where the file was last changed.
        last = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %cs", "--", "bench/results.json"],
                              capture_output=True, text=True).stdout.split()
        if len(last) == 2:
            conditions.insert(0, f"- Recorded in commit `{last[0]}` ({last[1]}); the results do not name the commit they measured.")

    met = [name for name, ok in results["targets"].items() if ok]
    missed = [name for name, ok in results["targets"].items() if not ok]
    lines = [INTRO, "## The latest full run", "", "Conditions:", *conditions, "",
             "| measurement | latest run | target |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", f"Targets met: {len(met)} of {len(met) + len(missed)}."]
    if missed:
        lines += ["Missed: " + "; ".join(missed) + "."]
    lines += ["", READING]
    return "\n".join(lines)


def write(results_path=os.path.join(ROOT, "bench", "results.json"), doc_path=os.path.join(ROOT, "docs", "benchmark.md")):
    with open(results_path) as f:
        results = json.load(f)
    text = render(results)
    os.makedirs(os.path.dirname(doc_path), exist_ok=True)
    with open(doc_path, "w") as f:
        f.write(text)
    return doc_path


if __name__ == "__main__":
    print(write())
