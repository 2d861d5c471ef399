"""What a bench load runs against: one or more `wegwijzer serve` instances on one store (a SQLite
file or a PostgreSQL database), the load spread over the instances as a load balancer would, and
the CPU the instances and the database server use for it."""
import json
import os
import sqlite3
import subprocess
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
from postgres_db import Postgres  # noqa: E402

# The URL every request is signed for, and every instance's public_url: the address a load
# balancer in front of the instances would have. So one set of signed requests serves any number
# of instances on any ports.
PUBLIC_URL = "https://wegwijzer.bench.invalid"


def process_cpu_seconds(pid, children=False):
    """User and system CPU of a process (with `children`, also of its children that have ended)."""
    ticks = os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    used = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if children else 0)
    return used / ticks


# The server's threads by what they run, from their names: Swift Concurrency's pool runs the
# request tasks (and the turn worked out ahead), NIO's event loops the HTTP, and libdispatch's
# overcommit threads the database queues (GRDB's writer, readers and the checkpointer; the
# PostgreSQL pool's threads are NIO's and count with the event loops).
THREAD_GROUPS = (("request_tasks", "default-qos"), ("event_loops", "NIO-"), ("database_queues", "overcommit"))


def server_cpu_seconds(server):
    """CPU of the whole server process, and of its live threads by group."""
    pid = server.process.pid
    groups = {name: 0.0 for name, _ in THREAD_GROUPS}
    task_dir = f"/proc/{pid}/task"
    for tid in os.listdir(task_dir):
        try:
            with open(f"{task_dir}/{tid}/comm") as f:
                comm = f.read().strip()
            seconds = process_cpu_seconds(f"{pid}/task/{tid}")
        except OSError:
            continue  # the thread ended just now
        for name, marker in THREAD_GROUPS:
            if marker in comm:
                groups[name] += seconds
                break
    return process_cpu_seconds(pid), groups


class Cluster:
    """The PostgreSQL cluster scripts/bench started: its admin URL, psql and data directory."""

    def __init__(self, admin_url, psql, data_dir):
        self.admin_url, self.psql, self.data_dir = admin_url, psql, data_dir

    def database(self, name):
        return Postgres(self.admin_url, name, self.psql)

    def cpu_seconds(self):
        """CPU of the postmaster and every backend: the backends alive now, plus what the ended
        ones used (counted in the postmaster's children's time)."""
        with open(os.path.join(self.data_dir, "postmaster.pid")) as f:
            postmaster = int(f.readline())
        total = process_cpu_seconds(postmaster, children=True)
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                if ppid == postmaster:
                    total += process_cpu_seconds(entry)
            except OSError:
                continue  # the backend ended just now
        return total

    def setting(self, name):
        return self.database("postgres").rows(f"SELECT current_setting('{name}')")[0][0]


class SQLiteStore:
    backend = "sqlite"

    def __init__(self, path):
        self.path = self.url = path

    def count(self, sql):
        with sqlite3.connect(self.path, timeout=30) as c:
            return c.execute(sql).fetchone()[0]

    def cpu_seconds(self):
        return 0.0  # SQLite runs inside the server: its CPU is the server's

    def remove(self):
        for suffix in ["", "-wal", "-shm"]:
            if os.path.exists(self.path + suffix):
                os.remove(self.path + suffix)


class PostgresStore:
    backend = "postgres"

    def __init__(self, cluster, name, template=None):
        self.cluster = cluster
        self.database = cluster.database(name).create(template)
        self.url = self.database.url

    def count(self, sql):
        return self.database.value(sql)

    def cpu_seconds(self):
        return self.cluster.cpu_seconds()

    def remove(self):
        self.database.drop()


def wrk(urls, requests_dir, seconds, clients):
    """One wrk process per instance, all at once, the clients shared out among them; their
    figures merged as one load's."""
    per = clients // len(urls)
    processes = [subprocess.Popen(["wrk", "-t", str(per), "-c", str(per), "-d", f"{seconds}s", "--timeout", "10s",
                                   "-s", os.path.join(HERE, "wrk.lua"), url + "/webhooks/twilio", "--", requests_dir, str(i * per)],
                                  stdout=subprocess.PIPE, text=True) for i, url in enumerate(urls)]
    results = []
    for process in processes:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"wrk failed (status {process.returncode})")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return merged(results)


def merged(results):
    """wrk results as one: counts summed, and the percentiles of all latencies together, from each
    process's latency at every tenth of a percent (weighted by its requests)."""
    if len(results) == 1:
        result = dict(results[0])
    else:
        result = {key: sum(r[key] for r in results) for key in ("requests", "non2xx", "connect_errors", "timeouts")}
        result["seconds"] = max(r["seconds"] for r in results)
        result["max_ms"] = max(r["max_ms"] for r in results)
        points = sorted((q, r["requests"] / len(r["quantiles_ms"])) for r in results for q in r["quantiles_ms"])
        total = sum(weight for _, weight in points)

        def percentile(p):
            seen = 0.0
            for latency, weight in points:
                seen += weight
                if seen >= total * p / 100:
                    return latency
            return points[-1][0]
        result.update(p50_ms=percentile(50), p90_ms=percentile(90), p99_ms=percentile(99))
        result["per_instance"] = [{key: r[key] for key in ("requests", "p50_ms", "p99_ms")} for r in results]
    result.pop("quantiles_ms", None)
    result["per_second"] = result["requests"] / result["seconds"]
    return result


def loaded(servers, store, requests_dir, seconds, clients):
    """A wrk load spread over the servers, with the CPU per answered message: of the servers in all
    and per thread group, and of the database server (PostgreSQL's processes; none for SQLite).
    The total is both together, so the backends compare on the same terms."""
    def cpu():
        per_server = [server_cpu_seconds(s) for s in servers]
        groups = {name: sum(g[name] for _, g in per_server) for name, _ in THREAD_GROUPS}
        return sum(total for total, _ in per_server), groups, store.cpu_seconds()
    servers_before, groups_before, database_before = cpu()
    result = wrk([s.url for s in servers], requests_dir, seconds, clients)
    servers_after, groups_after, database_after = cpu()
    answered = result["requests"] - result["non2xx"]
    per_message = lambda seconds: seconds * 1e6 / max(answered, 1)
    database = database_after - database_before
    # How many of the machine's cores the servers and the database kept busy: near all of them
    # means the load was bound by CPU, not by waiting for the disk.
    result["cores_busy"] = (servers_after - servers_before + database) / result["seconds"]
    result["cpu_us_per_message"] = {"total": per_message(servers_after - servers_before + database),
                                    "servers": per_message(servers_after - servers_before),
                                    "database_server": per_message(database),
                                    **{name: per_message(groups_after[name] - groups_before[name]) for name in groups_after}}
    return result


def writer_metrics(servers):
    """The servers' group-commit counters from /metrics, summed: batches, messages in them, busy
    seconds, and how many batches took longer than each bucket bound of the commit-time histogram."""
    wanted = {"wegwijzer_write_batches_total": "batches", "wegwijzer_write_batch_messages_total": "messages",
              "wegwijzer_write_busy_seconds_total": "busy_seconds"}
    values, within = {name: 0.0 for name in wanted.values()}, {}
    for server in servers:
        for line in urllib.request.urlopen(server.url + "/metrics", timeout=10).read().decode().splitlines():
            name, _, value = line.partition(" ")
            if name in wanted:
                values[wanted[name]] += float(value)
            elif name.startswith('wegwijzer_write_batch_seconds_bucket{le="') and '+Inf' not in name:
                bound = float(name.split('"')[1])
                within[bound] = within.get(bound, 0) + int(value)
    values["slower_than"] = {bound: int(values["batches"]) - count for bound, count in within.items()}
    return values


def slowest_commit(before, after):
    """The histogram's bound on the slowest commit between two readings of writer_metrics:
    "<= 25 ms", or "> 2000 ms" past the last bound."""
    slower = {bound: after["slower_than"][bound] - before["slower_than"].get(bound, 0) for bound in after["slower_than"]}
    for bound in sorted(slower):
        if slower[bound] == 0:
            return f"<= {bound * 1000:.0f} ms"
    return f"> {max(slower) * 1000:.0f} ms" if slower else "none"
