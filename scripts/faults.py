#!/usr/bin/env python3
"""Fault runs against the built `wegwijzer serve` on 127.0.0.1 (stdlib only; started by scripts/faults).

Every fake inwoner plays the whole intake (the inputs of the full-intake golden transcript), one
message at a time, and sends the same provider id again until it gets a 2xx, as providers do.
Half of them write over signed Twilio SMS (reply_mode rest: replies go through the outbox to a
local fake Twilio API), half over the signed JSON gateway (replies in the response; later messages,
such as invitations to network members, posted to the same fake as the adapter's send_url).

  reference  no faults: the replies each inwoner's k-th message should get, and its final state
  kill       kill -9 the server KILLS times during the load and restart it
  gateway    the fake gateway answers 503 for a while, then comes back
  busy       another process holds SQLite's write lock (BEGIN IMMEDIATE) for a few seconds

After each run: every message that got a 2xx is stored exactly once and in order, it got the same
replies as in the reference run and every conversation ends in the reference state (so nothing
was applied twice or lost, and no state is behind its messages), every outbox row is sent and the
fake gateway got them in order per person, and PRAGMA integrity_check says ok.
"""
import argparse, json, os, random, sqlite3, sys, threading, time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from wegwijzer_test_support import (JSON_GATEWAY_HEADER, always_open_flows, intake_inputs, post, scratch_dir,  # noqa: E402
                                    serve, sign_json_gateway, twilio_form)

TWILIO_TOKEN = "faults-twilio-token"
JSON_SECRET = "faults-json-secret"
ACCOUNT = "AC00000000000000000000000000000000"


class FakeGateway:
    """The Twilio Messages API on loopback: records every message it accepts and lists them (GET,
    newest first, as the server asks after an interrupted send); and, under /json, a JSON-gateway
    adapter's send_url: checks the signature and drops an id it has seen, as the docs ask of an
    adapter. `down` answers 503 on both."""

    def __init__(self):
        self.received = []  # (to, body) in arrival order
        self.created = []  # the moment each was accepted
        self.json_ids = set()
        self.json_repeats = 0
        self.bad_signatures = 0
        self.lists = 0
        self.refused = 0
        self.down = False
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if self.path.startswith("/json"):
                    return self.json_message(raw)
                form = urllib.parse.parse_qs(raw.decode("utf-8"), keep_blank_values=True)
                with fake.lock:
                    if fake.down:
                        fake.refused += 1
                        status, body = 503, b'{"code":20503,"message":"Service unavailable"}'
                    else:
                        fake.received.append((form.get("To", [""])[0], form.get("Body", [""])[0]))
                        fake.created.append(time.time())
                        sid = "SM%032x" % len(fake.received)
                        status, body = 201, json.dumps({"sid": sid, "status": "queued", "num_segments": "1"}).encode()
                self.answer(status, body)

            def json_message(self, raw):
                with fake.lock:
                    if fake.down:
                        fake.refused += 1
                        return self.answer(503, b'{"error":"down"}')
                    if self.headers.get(JSON_GATEWAY_HEADER) != sign_json_gateway(raw, JSON_SECRET):
                        fake.bad_signatures += 1
                        return self.answer(401, b'{"error":"bad signature"}')
                    message = json.loads(raw)
                    if message["id"] in fake.json_ids:
                        fake.json_repeats += 1
                    else:
                        fake.json_ids.add(message["id"])
                        fake.received.append((message["to"], message["text"]))
                        fake.created.append(time.time())
                self.answer(200, json.dumps({"id": "gw-%d" % len(fake.received)}).encode())

            def do_GET(self):
                query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
                to, size = query.get("To", [""])[0], int(query.get("PageSize", ["50"])[0])
                with fake.lock:
                    if fake.down:
                        fake.refused += 1
                        status, body = 503, b'{"code":20503,"message":"Service unavailable"}'
                    else:
                        fake.lists += 1
                        entries = [{"sid": "SM%032x" % (i + 1), "to": t, "body": b, "direction": "outbound-api",
                                    "date_created": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(fake.created[i]))}
                                   for i, (t, b) in enumerate(fake.received) if t == to][::-1][:size]
                        status, body = 200, json.dumps({"messages": entries, "page": 0, "page_size": size}).encode()
                self.answer(status, body)

            def answer(self, status, body):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    # The sender was killed mid-request: that is the fault under test, and the
                    # message it sent is counted as received (a send whose answer was lost).
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def fault_server(binary, work, name, gateway_port, db=None):
    """One `wegwijzer serve` at a time on a fixed port, so it can be killed and started again; on
    `db` (a SQLite file or a PostgreSQL URL), else a file of its own."""
    config = f"""rate_limit_per_minute: 100000
channels:
  twilio: {{enabled: true, account_sid: {ACCOUNT}, from: "+3197010250999", reply_mode: rest, api_base: "http://127.0.0.1:{gateway_port}"}}
  json: {{enabled: true, send_url: "http://127.0.0.1:{gateway_port}/json/send"}}
dispatcher: {{max_attempts: 8, base_delay_seconds: 0.25, connect_timeout_seconds: 1, read_timeout_seconds: 2, lease_seconds: 4}}
"""
    # Invitations to network members go out in every run, whatever the hour.
    flows = os.path.join(work, "flows")
    if not os.path.isdir(flows):
        always_open_flows(flows)
    return serve(binary, config, work=work, name=name, db=db, args=["--flows", flows],
                 env={"TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "WEGWIJZER_JSON_SECRET": JSON_SECRET})


class Inwoner:
    """One person playing the intake; sends the next message only after the last got a 2xx."""

    def __init__(self, index, channel, inputs, run):
        self.index, self.channel, self.inputs, self.run = index, channel, inputs, run
        self.phone = "+3161%07d" % (1000 + index)
        self.acked = []  # provider ids that got a 2xx, in order
        self.statuses = {}  # status -> count over every attempt
        self.error = None

    def provider_id(self, k):
        return ("SM%s%04d%04d" if self.channel == "sms" else "gw-%s-%d-%d") % (self.run, self.index, k)

    def request(self, server, k, text):
        pid = self.provider_id(k)
        if self.channel == "sms":
            params = {"MessageSid": pid, "AccountSid": ACCOUNT, "From": self.phone, "To": "+3197010250999",
                      "Body": text, "NumMedia": "0", "SmsStatus": "received", "ApiVersion": "2010-04-01"}
            url = server.url + "/webhooks/twilio"
            return (url, *twilio_form(url, params, TWILIO_TOKEN))
        body = json.dumps({"id": pid, "from": self.phone, "text": text}).encode()
        headers = {"Content-Type": "application/json", JSON_GATEWAY_HEADER: sign_json_gateway(body, JSON_SECRET)}
        return server.url + "/webhooks/json", body, headers

    def play(self, server, deadline):
        try:
            for k, text in enumerate(self.inputs):
                while True:
                    if time.time() > deadline:
                        raise RuntimeError(f"message {k} not acknowledged before the deadline")
                    url, body, headers = self.request(server, k, text)
                    try:
                        status, _ = post(url, body, headers)
                    except OSError:
                        status = "no answer"  # killed or restarting: send the same id again
                    self.statuses[status] = self.statuses.get(status, 0) + 1
                    if isinstance(status, int) and 200 <= status < 300:
                        self.acked.append(self.provider_id(k))
                        break
                    if isinstance(status, int) and status not in (503,):
                        raise RuntimeError(f"message {k} got {status}")
                    time.sleep(0.05)
        except Exception as e:  # reported by the checks
            self.error = str(e)


def snapshot(db_path, people):
    """What the database says about each person: inbound ids, the replies to each, final state, outbox."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    out = {}
    for p in people:
        address = p.phone
        row = db.execute("SELECT personId FROM contact WHERE channel = ? AND address = ?", (p.channel, address)).fetchone()
        if row is None:
            out[p.index] = None
            continue
        person = row[0]
        inbound = db.execute("SELECT id, providerId FROM message WHERE personId = ? AND direction = 'in' ORDER BY id",
                             (person,)).fetchall()
        replies = [[t for (t,) in db.execute("SELECT text FROM message WHERE replyTo = ? ORDER BY id", (mid,))]
                   for mid, _ in inbound]
        states = {}
        for flow, state in db.execute("SELECT flowId, state FROM conversation WHERE personId = ?", (person,)):
            s = json.loads(state)
            s.pop("lastActivity", None)  # the only wall-clock field; everything else must match
            states[flow] = s
        outbox = db.execute("""SELECT o.status, m.text FROM outbox o JOIN message m ON m.id = o.messageId
                               WHERE o.personId = ? ORDER BY o.id""", (person,)).fetchall()
        out[p.index] = {"ids": [pid for _, pid in inbound], "replies": replies, "states": states, "outbox": outbox}
    db.close()
    return out


def runs(seq):
    """[(item, count)] of consecutive equal items."""
    out = []
    for x in seq:
        if out and out[-1][0] == x:
            out[-1][1] += 1
        else:
            out.append([x, 1])
    return out


def integrity(db_path):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    result = [r[0] for r in db.execute("PRAGMA integrity_check")]
    db.close()
    return result


def wait_outbox_drained(db_path, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
        pending = db.execute("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
        db.close()
        if pending == 0:
            return 0
        time.sleep(0.2)
    return pending


def compare(people, got, reference, gateway, failures):
    """Each person's stored messages, replies, final state and outbox against the reference run and
    what the gateway got; appends what differs to `failures` and returns the duplicate sends."""
    duplicates = 0
    for p in people:
        who = f"inwoner {p.index} ({p.channel})"
        if p.error:
            failures.append(f"{who}: {p.error}")
            continue
        mine, ref = got[p.index], reference[p.index]
        if mine is None:
            failures.append(f"{who}: not in the database")
            continue
        expected_ids = [p.provider_id(k) for k in range(len(p.inputs))]
        if p.acked != expected_ids:
            failures.append(f"{who}: acknowledged {len(p.acked)} of {len(expected_ids)} messages")
        if mine["ids"] != expected_ids:
            failures.append(f"{who}: stored inbound ids differ from the ids sent (stored {len(mine['ids'])}, sent {len(expected_ids)})")
        if mine["replies"] != ref["replies"]:
            k = next((i for i, (a, b) in enumerate(zip(mine["replies"], ref["replies"])) if a != b), None)
            failures.append(f"{who}: replies differ from the reference run from message {k}")
        if mine["states"] != ref["states"]:
            failures.append(f"{who}: final conversation state differs from the reference run")
        unsent = [t for s, t in mine["outbox"] if s != "sent"]
        if unsent:
            failures.append(f"{who}: {len(unsent)} outbox messages not sent")
        wanted = runs([t for _, t in mine["outbox"]])
        arrived = runs([b for to, b in gateway.received if to == p.phone])
        if [t for t, _ in wanted] != [t for t, _ in arrived] or any(a < w for (_, w), (_, a) in zip(wanted, arrived)):
            failures.append(f"{who}: the gateway did not get the outbox in order ({len(arrived)} runs, {len(wanted)} expected)")
        else:
            duplicates += sum(a - w for (_, w), (_, a) in zip(wanted, arrived))
    return duplicates


class Run:
    def __init__(self, name, binary, work, people_count, inputs):
        self.name = name
        self.gateway = FakeGateway()
        self.server = fault_server(binary, work, name, self.gateway.port)
        self.people = [Inwoner(i, "sms" if i % 2 == 0 else "json", inputs, name) for i in range(people_count)]
        self.failures = []

    def play(self, fault=None, timeout=240):
        self.server.start()
        deadline = time.time() + timeout
        threads = [threading.Thread(target=p.play, args=(self.server, deadline)) for p in self.people]
        started = time.time()
        for t in threads:
            t.start()
        fault_notes = fault(self) if fault else ""
        for t in threads:
            t.join()
        # After a kill the server may be down: bring it back to deliver what is left in the outbox.
        if not self.server.running:
            self.server.start()
        pending = wait_outbox_drained(self.server.db, 60)
        elapsed = time.time() - started
        self.server.stop()
        self.gateway.stop()
        if pending:
            self.failures.append(f"{pending} outbox messages still pending after 60 s")
        return elapsed, fault_notes

    def check(self, reference):
        got = snapshot(self.server.db, self.people)
        duplicates = compare(self.people, got, reference, self.gateway, self.failures)
        # A kill after the gateway's answer and before the commit that records it leaves the message
        # in doubt: the server looks an SMS up in Twilio's Messages list before sending it again, and
        # posts a JSON-gateway message again with the same id, which the adapter drops.
        if duplicates:
            self.failures.append(f"{duplicates} duplicate sends")
        with open(self.server.log, encoding="utf-8", errors="replace") as log:
            found = sum("an interrupted send had gone out" in line for line in log)
        check = integrity(self.server.db)
        if check != ["ok"]:
            self.failures.append(f"integrity_check: {check}")
        statuses = {}
        for p in self.people:
            for s, n in p.statuses.items():
                statuses[str(s)] = statuses.get(str(s), 0) + n
        messages = sum(len(p.acked) for p in self.people)
        outbox = sum(len(got[p.index]["outbox"]) for p in self.people if got[p.index])
        if self.gateway.bad_signatures:
            self.failures.append(f"{self.gateway.bad_signatures} JSON-gateway messages with a bad signature")
        return {"messages_acknowledged": messages, "attempts_by_status": statuses, "outbox_messages": outbox,
                "gateway_received": len(self.gateway.received), "gateway_refused": self.gateway.refused,
                "duplicate_sends": duplicates, "json_repeats_dropped": self.gateway.json_repeats, "gateway_lists": self.gateway.lists, "found_sent": found, "integrity_check": check[0] if len(check) == 1 else check,
                "server_starts": self.server.starts}


def kill_fault(kills, rng):
    def fault(run):
        # Kill at random moments while the inwoners are still sending, however fast the machine
        # plays the load: the load (all messages of all inwoners, up to 90 %) is cut into one slice
        # per kill, and each kill comes when the acknowledged messages reach a random point of its
        # slice. Timed pauses instead fell short on a fast run (3 of 5 kills once).
        total = sum(len(p.inputs) for p in run.people)
        points = [int(0.9 * total * (i + rng.uniform(0.2, 0.8)) / kills) for i in range(kills)]
        made = 0
        for point in points:
            while True:
                busy = any(len(p.acked) < len(p.inputs) and not p.error for p in run.people)
                if not busy or sum(len(p.acked) for p in run.people) >= point:
                    break
                time.sleep(0.005)
            if not busy:
                break
            run.server.kill9()
            made += 1
            time.sleep(rng.uniform(0.0, 0.2))
            run.server.start()
        if made < kills:
            run.failures.append(f"only {made} of the {kills} kills came while inwoners were still sending")
        return f"{made} kill -9 and restarts during the load (after " + ", ".join(map(str, points)) + f" of {total} messages)"
    return fault


def gateway_fault(seconds):
    def fault(run):
        time.sleep(0.5)
        run.gateway.down = True
        time.sleep(seconds)
        run.gateway.down = False
        return f"fake gateway answered 503 for {seconds} s"
    return fault


def busy_fault(holds):
    def fault(run):
        for seconds in holds:
            time.sleep(0.5)
            db = sqlite3.connect(run.server.db, timeout=30, isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            db.execute("CREATE TABLE IF NOT EXISTS faults_lock_holder (x)")  # a real write inside the lock
            time.sleep(seconds)
            db.execute("ROLLBACK")
            db.close()
        return "another process held the write lock for " + " and ".join(f"{s:g} s" for s in holds)
    return fault


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--people", type=int, default=6)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--down", type=float, default=3)
    parser.add_argument("--busy", default="3,7", help="seconds the write lock is held, each in turn (the server waits 5 s)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default="kill,gateway,busy")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    inputs = intake_inputs()
    print(f"faults: seed {args.seed}, {args.people} inwoners x {len(inputs)} messages (full intake), half SMS, half JSON gateway")
    with scratch_dir("wegwijzer-faults-") as work:  # kept when a check fails
        failed = play_all(args, rng, inputs, work)
        print(f"faults: {'all checks passed' if not failed else 'FAILED'}")
        sys.exit(1 if failed else 0)


def play_all(args, rng, inputs, work):
    """The reference run, then each fault run; prints a line a run and says whether any failed.
    Every server started is stopped, also when a run raises."""
    results, failed = {}, False
    live = []
    try:
        reference = Run("reference", args.bin, work, args.people, inputs)
        live.append(reference)
        elapsed, _ = reference.play()
        ref = snapshot(reference.server.db, reference.people)
        if reference.failures or any(p.error for p in reference.people):
            raise SystemExit(f"faults: the reference run failed: {reference.failures} {[p.error for p in reference.people if p.error]}")
        print(f"  reference  {sum(len(p.acked) for p in reference.people)} messages in {elapsed:.1f} s, no faults")
        faults = {"kill": kill_fault(args.kills, rng), "gateway": gateway_fault(args.down),
                  "busy": busy_fault([float(x) for x in args.busy.split(",")])}
        for name in args.only.split(","):
            run = Run(name, args.bin, work, args.people, inputs)
            live.append(run)
            elapsed, notes = run.play(faults[name])
            figures = run.check(ref)
            figures["seconds"] = round(elapsed, 1)
            figures["fault"] = notes
            results[name] = figures
            ok = not run.failures
            failed |= not ok
            print(f"  {name:<9}  {'ok  ' if ok else 'FAIL'} {notes}; {figures['messages_acknowledged']} messages acknowledged, "
                  f"attempts {figures['attempts_by_status']}; outbox {figures['outbox_messages']} messages, gateway got "
                  f"{figures['gateway_received']} ({figures['duplicate_sends']} duplicate sends, {figures['gateway_refused']} refused while down, "
                  f"{figures['gateway_lists']} lookups after an interrupted send, {figures['found_sent']} of them found sent, "
                  f"{figures['json_repeats_dropped']} repeated JSON ids dropped); "
                  f"integrity_check {figures['integrity_check']}; {elapsed:.1f} s")
            for f in run.failures[:20]:
                print("      " + f)
    finally:
        for r in live:
            r.server.stop()
    return failed


if __name__ == "__main__":
    main()
