#!/usr/bin/env python3
"""Fault runs with two `wegwijzer serve` instances on one PostgreSQL database (stdlib only; started
by `scripts/faults --postgres`, which starts a throwaway cluster and passes its URL).

The load is faults.py's: every fake inwoner plays the whole intake, half over signed Twilio SMS
(replies through the outbox to a local fake Twilio API), half over the signed JSON gateway. Here
a client spreads each inwoner's messages over both instances, as a load balancer does, and sends
some messages to both instances at the same moment (the same provider id twice). A message that
gets no 2xx is sent again, to the other instance. Each inwoner waits a moment between answers
(--pause), as a person does, so that the load outlasts the restarts of the kill run.

  reference  one instance on SQLite, no faults (faults.py's reference run)
  kill       kill -9 one instance (each in turn) KILLS times during the load, and restart it
  pgrestart  PostgreSQL stops at once (pg_ctl -m immediate: a crash) mid-burst, stays down a few
             seconds (both instances' /healthz must say 503), and starts again (200 again by itself)

After each run, read from PostgreSQL: every message that got a 2xx is stored exactly once and in
order, it got the same replies as in the reference run and every conversation ends in the
reference state; every outbox row is sent, and the fake gateway got them in order per person with
no duplicates. Then two `wegwijzer remind --once` run at the same moment, a week ahead: every due
reminder job runs once, and its messages are sent once. No row refers to a missing one.
"""
import argparse, os, random, shlex, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import faults  # noqa: E402
from faults import FakeGateway, Inwoner, Run, compare, fault_server  # noqa: E402
from postgres_db import Postgres  # noqa: E402
from wegwijzer_test_support import get, intake_inputs, post, scratch_dir  # noqa: E402


def snapshot(db, people):
    """What the database says about each person, in the shape of faults.snapshot."""
    import json
    out = {}
    for p in people:
        found = db.rows(f"SELECT personId FROM contact WHERE channel = '{p.channel}' AND address = '{p.phone}'")
        if not found:
            out[p.index] = None
            continue
        person = int(found[0][0])
        inbound = db.rows(f"SELECT id, providerId FROM message WHERE personId = {person} AND direction = 'in' ORDER BY id")
        replies = {}
        for reply_to, text in db.rows(
                f"SELECT replyTo, text FROM message WHERE personId = {person} AND replyTo IS NOT NULL ORDER BY id"):
            replies.setdefault(reply_to, []).append(text)
        states = {}
        for flow, state in db.rows(f"SELECT flowId, state FROM conversation WHERE personId = {person}"):
            s = json.loads(state)
            s.pop("lastActivity", None)
            states[flow] = s
        outbox = [tuple(r) for r in db.rows(
            f"SELECT o.status, m.text FROM outbox o JOIN message m ON m.id = o.messageId WHERE o.personId = {person} ORDER BY o.id")]
        out[p.index] = {"ids": [pid for _, pid in inbound], "replies": [replies.get(mid, []) for mid, _ in inbound],
                        "states": states, "outbox": outbox}
    return out


ORPHANS = {
    "message without its person": "SELECT COUNT(*) FROM message m WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = m.personId)",
    "outbox row without its message": "SELECT COUNT(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.id = o.messageId)",
    "conversation without its person": "SELECT COUNT(*) FROM conversation c WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.personId)",
    "job without its person": "SELECT COUNT(*) FROM job j WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = j.personId)",
    "answer without its person": "SELECT COUNT(*) FROM answer a WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = a.personId)",
    "inbound message stored twice": "SELECT COUNT(*) FROM (SELECT channel, providerId FROM message WHERE direction = 'in' "
                                    "GROUP BY channel, providerId HAVING COUNT(*) > 1) AS twice",
}


def integrity(db):
    return {what: n for what, query in ORPHANS.items() if (n := db.value(query))}


class SpreadInwoner(Inwoner):
    """Plays the intake over two instances: message k goes to instance (k + index) % 2, every
    sixth to both at once; a message without a 2xx goes again to the other instance."""

    def __init__(self, *args, pause=0.0):
        super().__init__(*args)
        self.lock = threading.Lock()
        # A person takes a moment between answers. Without it the instance left standing plays the
        # whole load while the killed one restarts, and the later kills find nobody sending.
        self.pause = pause

    def play(self, servers, deadline):
        try:
            for k, text in enumerate(self.inputs):
                first = servers[(k + self.index) % 2]
                if k % 6 == 4:
                    answers = [None, None]
                    threads = [threading.Thread(target=self.deliver, args=(k, text, [s, *servers], deadline, answers, n))
                               for n, s in enumerate(servers)]
                    for t in threads:
                        t.start()
                    for t in threads:
                        t.join()
                else:
                    answers = [None]
                    self.deliver(k, text, [first, *servers], deadline, answers, 0)
                if self.error:
                    return
                if None in answers:
                    raise RuntimeError(f"message {k} not acknowledged before the deadline")
                self.acked.append(self.provider_id(k))
                time.sleep(self.pause)
        except Exception as e:  # reported by the checks
            self.error = str(e)

    def deliver(self, k, text, order, deadline, answers, slot):
        attempt = 0
        while time.time() < deadline:
            # The first try to the instance chosen, then each instance in turn.
            server = order[0] if attempt == 0 else order[1 + attempt % 2]
            attempt += 1
            url, body, headers = self.request(server, k, text)
            try:
                status, _ = post(url, body, headers)
            except OSError:
                status = "no answer"
            with self.lock:
                self.statuses[status] = self.statuses.get(status, 0) + 1
            if isinstance(status, int) and 200 <= status < 300:
                answers[slot] = status
                return
            if isinstance(status, int) and status not in (500, 503):
                with self.lock:
                    self.error = f"message {k} got {status}"
                return
            time.sleep(0.05)


class PgRun:
    def __init__(self, name, binary, work, people_count, inputs, admin_url, psql, pause):
        self.name, self.work = name, work
        self.gateway = FakeGateway()
        self.db = Postgres(admin_url, f"wegwijzer_faults_{name}", psql).create()
        self.servers = [fault_server(binary, work, f"{name}-{n}", self.gateway.port, db=self.db.url) for n in range(2)]
        self.people = []
        for i in range(people_count):
            self.people.append(SpreadInwoner(i, "sms" if i % 2 == 0 else "json", inputs, name, pause=pause))
        self.failures = []

    def play(self, fault=None, timeout=300):
        # Both start at once on the empty database: one migrates, the other waits for it.
        starters = [threading.Thread(target=s.start) for s in self.servers]
        began = time.time()
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        self.start_seconds = time.time() - began
        if not all(s.running for s in self.servers):
            raise SystemExit(f"faults: {self.name}: an instance did not start")
        deadline = time.time() + timeout
        threads = [threading.Thread(target=p.play, args=(self.servers, deadline)) for p in self.people]
        started = time.time()
        for t in threads:
            t.start()
        notes = fault(self) if fault else ""
        for t in threads:
            t.join()
        for s in self.servers:
            if not s.running:
                s.start()
        pending = self.wait_drained(60)
        elapsed = time.time() - started
        if pending:
            self.failures.append(f"{pending} outbox messages still pending after 60 s")
        return elapsed, notes

    def wait_drained(self, timeout):
        end = time.time() + timeout
        while True:
            pending = self.db.value("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
            if not pending or time.time() > end:
                return pending
            time.sleep(0.2)

    def check(self, reference):
        got = snapshot(self.db, self.people)
        duplicates = compare(self.people, got, reference, self.gateway, self.failures)
        if duplicates:
            self.failures.append(f"{duplicates} duplicate sends")
        # A 500 is a message the store could not apply for a reason other than a lost or busy
        # database (those answer 503): a fault of the product, even when the resend then succeeds.
        for reason in self.not_applied()[:5]:
            self.failures.append("a 500 (message not applied): " + reason[-400:])
        broken = integrity(self.db)
        for what, n in broken.items():
            self.failures.append(f"{n} x {what}")
        statuses = {}
        for p in self.people:
            for s, n in p.statuses.items():
                statuses[str(s)] = statuses.get(str(s), 0) + n
        return {"messages_acknowledged": sum(len(p.acked) for p in self.people), "attempts_by_status": statuses,
                "outbox_messages": sum(len(got[p.index]["outbox"]) for p in self.people if got[p.index]),
                "gateway_received": len(self.gateway.received), "duplicate_sends": duplicates,
                "integrity": "clean" if not broken else broken,
                "server_starts": sum(s.starts for s in self.servers)}

    def not_applied(self):
        """Why an instance answered a message with a 500 (the client sent it again), from its log."""
        reasons = []
        for s in self.servers:
            with open(s.log, errors="replace") as log:
                reasons += [line.strip() for line in log if "message not applied" in line]
        return reasons

    def reminders(self, binary, days=7):
        """Two `remind --once` at the same moment, `days` ahead: each due job runs once, and the
        instances send what they queued once."""
        ahead = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + days * 86400))
        due = self.db.value(f"SELECT COUNT(*) FROM job WHERE status = 'pending' AND dueAt <= '{ahead.replace('T', ' ')[:19]}'")
        before = len(self.gateway.received)
        outbox_before = self.db.value("SELECT COUNT(*) FROM outbox")
        last_before = self.db.value("SELECT COALESCE(MAX(id), 0) FROM outbox")
        # The flows the servers use: their send window is open at every hour.
        flows = os.path.join(self.work, "flows")
        procs = [subprocess.Popen([binary, "remind", "--once", "--db", self.db.url, "--now", ahead, "--flows", flows],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        for p, err in zip(procs, errors):
            if p.returncode != 0:
                self.failures.append(f"remind --once failed: {err.strip()[-300:]}")
        left = self.db.value(f"SELECT COUNT(*) FROM job WHERE status = 'pending' AND dueAt <= '{ahead.replace('T', ' ')[:19]}'")
        pending = self.wait_drained(60)
        queued = self.db.value("SELECT COUNT(*) FROM outbox") - outbox_before
        sent = len(self.gateway.received) - before
        if left:
            self.failures.append(f"{left} due jobs still pending after two remind runs")
        # A job run twice would queue its message twice: the same text to the same person.
        twice = self.db.value(f"SELECT COUNT(*) - COUNT(DISTINCT (o.personId, m.text)) FROM outbox o "
                              f"JOIN message m ON m.id = o.messageId WHERE o.id > {last_before}")
        if twice:
            self.failures.append(f"{twice} reminder messages queued twice")
        if not queued:
            self.failures.append("the remind runs queued no message: nothing was checked")
        if pending:
            self.failures.append(f"{pending} reminder messages not sent")
        if sent != queued:
            # More means a reminder went twice; fewer, that one was lost.
            self.failures.append(f"the gateway got {sent} reminder messages for {queued} queued")
        return {"due_jobs": due, "reminder_messages": queued, "reminders_sent": sent}

    def stop(self):
        for s in self.servers:
            s.stop()
        self.gateway.stop()


def kill_fault(kills, rng):
    def fault(run):
        total = sum(len(p.inputs) for p in run.people)
        # The load must outlast the restarts: on a machine where an instance starts slowly, the
        # inwoners take longer between answers (twice the restarts' time over the whole intake).
        for p in run.people:
            p.pause = max(p.pause, 2 * kills * run.start_seconds / len(p.inputs))
        points = [int(0.9 * total * (i + rng.uniform(0.2, 0.8)) / kills) for i in range(kills)]
        made, restarts = 0, []
        for n, point in enumerate(points):
            while True:
                busy = any(len(p.acked) < len(p.inputs) and not p.error for p in run.people)
                if not busy or sum(len(p.acked) for p in run.people) >= point:
                    break
                time.sleep(0.005)
            if not busy:
                break
            victim = run.servers[n % 2]
            victim.kill9()
            made += 1
            time.sleep(rng.uniform(0.0, 0.2))
            began = time.time()
            victim.start()
            restarts.append(time.time() - began)
        if made < kills:
            run.failures.append(f"only {made} of the {kills} kills came while inwoners were still sending")
        slowest = f"; the slowest restart took {max(restarts):.1f} s" if restarts else ""
        return (f"{made} kill -9 and restarts of one instance during the load (after " + ", ".join(map(str, points))
                + f" of {total} messages{slowest})")
    return fault


def restart_fault(pg_ctl, down):
    """PostgreSQL crashes a third into the load and stays down `down` seconds: meanwhile both
    instances answer /healthz with 503 and the messages with 503 (the client sends them again);
    once it is back, /healthz says 200 again by itself."""
    def fault(run):
        total = sum(len(p.inputs) for p in run.people)
        while sum(len(p.acked) for p in run.people) < total // 3:
            if not any(len(p.acked) < len(p.inputs) and not p.error for p in run.people):
                run.failures.append("the load ended before PostgreSQL could be stopped")
                return "no restart"
            time.sleep(0.005)
        at = sum(len(p.acked) for p in run.people)
        subprocess.run(shlex.split(pg_ctl) + ["-m", "immediate", "-w", "stop"], check=True, stdout=subprocess.DEVNULL)
        time.sleep(down / 2)
        while_down = [health(s) for s in run.servers]
        time.sleep(down / 2)
        subprocess.run(shlex.split(pg_ctl) + ["-w", "start"], check=True, stdout=subprocess.DEVNULL)
        back = time.time()
        recovered = [wait_health(s, 200, 30) for s in run.servers]
        if while_down != [503, 503]:
            run.failures.append(f"/healthz answered {while_down} while PostgreSQL was down (503 expected)")
        if None in recovered:
            run.failures.append("/healthz did not say 200 again within 30 s after PostgreSQL came back")
        seconds = ", ".join(f"{r:.1f} s" for r in recovered if r is not None)
        return (f"PostgreSQL crashed (immediate stop) after {at} of {total} messages and stayed down {down:g} s "
                f"(/healthz {while_down[0]} and {while_down[1]}), /healthz 200 again {seconds} after it was back")
    return fault


def health(server):
    try:
        return get(server.url + "/healthz", timeout=5)[0]
    except OSError:
        return None


def wait_health(server, status, timeout):
    start = time.time()
    while time.time() - start < timeout:
        if health(server) == status:
            return time.time() - start
        time.sleep(0.05)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--postgres", required=True, help="the cluster's admin URL (postgres://USER@HOST:PORT/postgres)")
    parser.add_argument("--psql", required=True)
    parser.add_argument("--pg-ctl", required=True, help="the pg_ctl command line with -D (and -l, -o) of the cluster")
    parser.add_argument("--people", type=int, default=8)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--down", type=float, default=3, help="seconds PostgreSQL stays down")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds an inwoner waits between answers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default="kill,pgrestart")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    inputs = intake_inputs()
    print(f"faults --postgres: seed {args.seed}, {args.people} inwoners x {len(inputs)} messages over two instances")
    failed = False
    with scratch_dir("wegwijzer-faults-pg-") as work:
        live = []
        try:
            reference = Run("reference", args.bin, work, args.people, inputs)
            live.append(reference.server)
            elapsed, _ = reference.play()
            ref = faults.snapshot(reference.server.db, reference.people)
            if reference.failures or any(p.error for p in reference.people):
                raise SystemExit(f"faults: the reference run failed: {reference.failures}")
            print(f"  reference  {sum(len(p.acked) for p in reference.people)} messages in {elapsed:.1f} s (SQLite, no faults)")
            chosen = {"kill": kill_fault(args.kills, rng), "pgrestart": restart_fault(args.pg_ctl, args.down)}
            for name in args.only.split(","):
                run = PgRun(name, args.bin, work, args.people, inputs, args.postgres, args.psql, args.pause)
                live.append(run)
                elapsed, notes = run.play(chosen[name])
                figures = run.check(ref)
                figures.update(run.reminders(args.bin))
                run.stop()
                ok = not run.failures
                failed |= not ok
                print(f"  {name:<9}  {'ok  ' if ok else 'FAIL'} {notes}; {figures['messages_acknowledged']} messages acknowledged, "
                      f"attempts {figures['attempts_by_status']}; outbox {figures['outbox_messages']}, gateway got "
                      f"{figures['gateway_received']} ({figures['duplicate_sends']} duplicate sends); {figures['due_jobs']} due jobs "
                      f"ran once by two remind runs, {figures['reminders_sent']} of {figures['reminder_messages']} reminder messages "
                      f"sent; integrity {figures['integrity']}; {figures['server_starts']} server starts; {elapsed:.1f} s")
                for f in run.failures[:20]:
                    print("      " + f)
                run.db.drop()
        finally:
            for item in live:
                item.stop()
        print(f"faults --postgres: {'all checks passed' if not failed else 'FAILED'}")
        sys.exit(1 if failed else 0)  # inside the block: a failed run keeps its logs


if __name__ == "__main__":
    main()
