"""What the scripts in scripts/ share (stdlib only): a free loopback port, a server process on it
(started, waited for, always stopped), `wegwijzer serve` with a config of its own, a scratch
directory, a GET and a POST, and the request signatures of the three webhook channels.

    import sys, os
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from wegwijzer_test_support import free_port, scratch_dir, serve, sign_twilio

    with scratch_dir("wegwijzer-example-") as work:
        with serve(binary, "channels:\\n  json: {enabled: true}\\n", work=work) as server:
            ...  # server.url, server.db, server.log

The signatures follow the server's checks in Sources/Bot/Channels/Signatures; running this file
checks them against the vectors in Tests/Fixtures/vectors.json.
"""
import base64
import contextlib
import hashlib
import hmac
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FULL_INTAKE = os.path.join(ROOT, "Tests", "DialogTests", "Transcripts", "full-intake.txt")


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def intake_inputs(path=FULL_INTAKE):
    """The inwoner's messages of a golden transcript (its `> ` lines), in order: by default the
    whole intake of full-intake.txt."""
    with open(path, encoding="utf-8") as f:
        return [line[2:].rstrip("\n") for line in f if line.startswith("> ")]


class ServerFailed(SystemExit):
    """A server that did not come up. A SystemExit, so a script that does not catch it ends with
    the message (which names the log) and status 1, its `finally` blocks and `with` blocks run."""


def _tail(path, lines=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


class Server:
    """One process that answers HTTP on 127.0.0.1:`port`, its output appended to `log`.

    `start()` starts it and waits until `health` answers 200 (with `any_answer`, until it answers
    at all: for processes without /healthz), for at most `timeout` seconds; if it exits first or
    does not answer in time it is stopped and ServerFailed names the log. `stop()` sends SIGTERM,
    then SIGKILL after `grace` seconds, and returns the exit status. As a context manager it is
    started on entry and stopped on exit, also when the block raises. It can be started again
    after a stop or `kill9()`, on the same port, appending to the same log.
    """

    def __init__(self, args, port, log, *, env=None, name=None, health="/healthz", any_answer=False,
                 timeout=30.0, grace=15.0):
        self.args, self.port, self.log = list(args), port, log
        self.env = env or {}
        self.name = name or os.path.basename(self.args[0])
        self.health, self.any_answer, self.timeout, self.grace = health, any_answer, timeout, grace
        self.url = f"http://127.0.0.1:{port}"
        self.process = None
        self.starts = 0

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    @property
    def returncode(self):
        return None if self.process is None else self.process.poll()

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(self.args, stdout=log, stderr=subprocess.STDOUT,
                                            env={**os.environ, **self.env})
        self.starts += 1
        deadline = time.monotonic() + self.timeout
        while True:
            if self.process.poll() is not None:
                self._failed(f"exited with status {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + self.health, timeout=1) as answer:
                    if answer.status == 200 or self.any_answer:
                        return self
            except urllib.error.HTTPError:
                if self.any_answer:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                self._failed(f"did not answer {self.health} within {self.timeout:g} s")
            time.sleep(0.05)

    def _failed(self, what):
        self.stop()
        tail = _tail(self.log)
        raise ServerFailed(f"{self.name} on port {self.port} {what}; its log: {self.log}"
                           + (f"\n--- last lines of {self.log} ---\n{tail}" if tail else ""))

    def stop(self):
        """SIGTERM, then SIGKILL after the grace; the exit status (None if it never started)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=self.grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def kill9(self):
        """SIGKILL at once, as a crash would: no clean shutdown."""
        if self.running:
            self.process.kill()
        if self.process is not None:
            self.process.wait()

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *_):
        self.stop()


def serve(binary, config="", *, work, name="server", port=None, db=None, env=None, args=(), public_url=True, **server):
    """`wegwijzer serve` on a free (or the given) loopback port, not started yet: a Server.

    Writes WORK/NAME.yaml: `host`, `port` and (unless public_url is False) `public_url` for that
    port, then `config` (more YAML lines). The database is `db` (default WORK/NAME.sqlite), the
    log WORK/NAME.log; `args` go after the command line, `env` over the environment, the other
    keywords to Server. The returned Server also carries `.db` and `.config`.
    """
    port = port or free_port()
    path = os.path.join(work, name + ".yaml")
    head = f"host: 127.0.0.1\nport: {port}\n" + (f"public_url: http://127.0.0.1:{port}\n" if public_url else "")
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + config)
    db = db or os.path.join(work, name + ".sqlite")
    process = Server([binary, "serve", "--config", path, "--db", db, *args], port, os.path.join(work, name + ".log"),
                     env=env, name="wegwijzer serve", **server)
    process.db, process.config = db, path
    return process


@contextlib.contextmanager
def scratch_dir(prefix, parent=None):
    """A new temporary directory, removed when the block ends well (also by sys.exit(0)); kept
    when it ends by an exception or a non-zero exit, so its logs can be read (its path goes to stderr)."""
    work = tempfile.mkdtemp(prefix=prefix, dir=parent)
    ended_well = False
    try:
        yield work
        ended_well = True
    except SystemExit as stop:
        ended_well = stop.code in (None, 0)
        raise
    finally:
        if ended_well:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"logs and databases kept in {work}", file=sys.stderr)


def get(url, timeout=10):
    """GETs `url`; returns (status, answer bytes), as post() does."""
    return _exchange(urllib.request.Request(url), timeout)


def post(url, body, headers, timeout=10):
    """POSTs `body` (bytes); returns (status, answer bytes), a 4xx or 5xx included. An OSError
    (refused, reset, timed out) means no answer came."""
    return _exchange(urllib.request.Request(url, body, headers, method="POST"), timeout)


def _exchange(request, timeout):
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# The signatures. Each returns the header value a provider would send.

TWILIO_HEADER = "X-Twilio-Signature"
JSON_GATEWAY_HEADER = "X-Signature"
WHATSAPP_HEADER = "X-Hub-Signature-256"


def _pairs(params):
    return list(params.items()) if hasattr(params, "items") else list(params)


def sign_twilio(url, params, token, algorithm="sha1"):
    """X-Twilio-Signature: base64 HMAC-SHA1 (or, for a shared key, "sha256") keyed with the auth
    token, over the URL followed by every POST parameter as name + value, sorted by name and a
    repeated name by value (byte order, which is code point order). `params`: a dict or pairs."""
    signed = url + "".join(name + value for name, value in sorted(_pairs(params)))
    digest = hashlib.sha1 if algorithm == "sha1" else hashlib.sha256
    return base64.b64encode(hmac.new(token.encode(), signed.encode(), digest).digest()).decode()


def twilio_form(url, params, token):
    """A signed form POST as Twilio sends it: (body bytes, headers)."""
    return urllib.parse.urlencode(_pairs(params)).encode(), {
        "Content-Type": "application/x-www-form-urlencoded", TWILIO_HEADER: sign_twilio(url, params, token)}


def sign_json_gateway(body, secret):
    """X-Signature of the generic JSON gateway: lowercase hex HMAC-SHA256 of the raw body."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def sign_whatsapp(body, app_secret):
    """X-Hub-Signature-256 of WhatsApp Cloud API (Meta): "sha256=" + hex HMAC-SHA256 of the raw
    body, keyed with the App Secret."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def _check_vectors():
    """The signers against the provider vectors the Swift tests use; prints a count, exits 1 on a mismatch."""
    import json
    with open(os.path.join(ROOT, "Tests", "Fixtures", "vectors.json"), encoding="utf-8") as f:
        vectors = json.load(f)["vectors"]
    checked, wrong = 0, []
    for v in vectors:
        if v.get("kind") == "twilio_signature":
            algorithm = "sha256" if v.get("algorithm", "").upper() == "HMAC_SHA256" else "sha1"
            got = sign_twilio(v["url"], v["params"], v.get("auth_token") or v["secret"], algorithm)
        elif v.get("kind") == "twilio_signature_json_body":
            got = sign_twilio(v["url"], {}, v["auth_token"])
        elif v.get("kind") == "whatsapp_signature":
            got = sign_whatsapp(v["raw_body"].encode(), v["app_secret"])
        else:
            continue
        checked += 1
        expected = v.get("expected_signature") or v.get("expected_header_value")
        if got != expected:
            wrong.append(f"{v['id']}: {got} != {expected}")
    print(f"signatures: {checked - len(wrong)} of {checked} vectors match")
    for line in wrong:
        print("  " + line)
    return 1 if wrong or not checked else 0


if __name__ == "__main__":
    sys.exit(_check_vectors())


def always_open_flows(directory):
    """The shipped flows with a send window that never closes, in `directory`. What the load makes
    the server send besides its replies (invitations to the network members an intake names) then
    goes out during every load, whatever the day and hour the run happens: with the shipped window
    (Monday to Saturday, 09:00-20:00) a run in the morning went without that work and one at
    noon with it."""
    shutil.copytree(os.path.join(ROOT, "Sources", "Dialog", "Flows"), directory)
    path = os.path.join(directory, "schedule.yaml")
    with open(path) as f:
        lines = f.read().splitlines()
    start = lines.index("window:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith(" "))
    lines[start:end] = ["window:", "  days: [mon, tue, wed, thu, fri, sat, sun]", '  start: "00:00"', '  end: "24:00"',
                        "  exclude_holidays: false", "  time_zone: Europe/Amsterdam", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return directory
