#!/usr/bin/env python3
"""Malformed HTTP against the built `wegwijzer serve` on 127.0.0.1 (stdlib only; run by scripts/fuzz).

The in-process webhook fuzz (WebhookFuzzTests) skips the HTTP parser; this sends raw bytes over
TCP: broken request lines, odd methods and paths, huge and invalid headers, wrong or lying
Content-Length, broken chunked encoding, bodies cut off mid-way, plus signed requests with hostile
bodies. Every answer must be a 4xx (or a 2xx for a well-formed signed request), never a 5xx; the
server must never die; /healthz and PRAGMA integrity_check must be ok at the end.
"""
import argparse, json, os, random, socket, sqlite3, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from wegwijzer_test_support import JSON_GATEWAY_HEADER, get, scratch_dir, serve, sign_json_gateway  # noqa: E402

SECRET = "fuzz-json-secret"
TOKEN = "fuzz-twilio-token"


HOSTILE = ["", "ja", "7", "STOP", "'; DROP TABLE message;--", "<script>x</script>", "\u202egnp", "مرحبا", "👩‍👩‍👧‍👦",
           "\x00", "\x1b[31m", "a" * 70000, "é" * 3000, "\ud7ff", "%00", "../../etc/passwd"]


def signed_json(rng):
    body = json.dumps({"id": "h-%d" % rng.getrandbits(40), "from": "+316%08d" % rng.randrange(10**8),
                       "text": rng.choice(HOSTILE)}).encode()
    if rng.random() < 0.1:
        body = body.replace(b'"text": "', b'"text": "\xff\xfe', 1)
    sig = sign_json_gateway(body, SECRET)
    return b"POST /webhooks/json HTTP/1.1\r\nHost: x\r\n" + JSON_GATEWAY_HEADER.encode() + b": " + sig.encode() + \
        b"\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body, True


def malformed(rng):
    path = rng.choice([b"/webhooks/json", b"/webhooks/twilio", b"/webhooks/whatsapp", b"/webhooks/telegram", b"/healthz",
                       b"/metrics", b"/", b"*", b"/webhooks/json/../../etc", b"/%ff%fe", b"/" + b"a" * 9000, b"//webhooks//json?" + b"&" * 500])
    method = rng.choice([b"POST", b"GET", b"PUT", b"DELETE", b"OPTIONS", b"HEAD", b"PATCH", b"BREW", b"post", b"P\x00ST", b""])
    version = rng.choice([b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/9", b"", b"HTTP/1.1 extra"])
    headers = [b"Host: x"]
    body = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 300)))
    choice = rng.randrange(8)
    if choice == 0:
        headers.append(b"Content-Length: " + rng.choice([b"-1", b"99999999999999999999", b"abc", b"10, 20", b"5"]))
    elif choice == 1:
        headers.append(b"Transfer-Encoding: chunked")
        body = rng.choice([b"zz\r\nabc\r\n0\r\n\r\n", b"5\r\nabc", b"FFFFFFFFFFFFFFFF\r\n", b"0\r\n\r\n", b"3\r\nabc\r\n" * 40 + b"0\r\n\r\n"])
    elif choice == 2:
        headers.append(b"X-Big: " + b"x" * rng.choice([100, 9000, 70000]))
    elif choice == 3:
        headers.append(rng.choice([b"No-Colon-Header", b": empty-name", b"X-Ctl: a\x00b", b"X-Sig\xff: 1", b" Folded: x"]))
    elif choice == 4:
        headers.extend([b"Content-Length: 10", b"Transfer-Encoding: chunked"])
    elif choice == 5:
        headers.append(b"X-Signature: " + bytes(rng.getrandbits(8) for _ in range(20)).hex().encode())
        headers.append(b"X-Twilio-Signature: " + rng.choice([b"", b"==", b"\xff\xfe"]))
    if choice not in (0, 1, 4):
        headers.append(b"Content-Length: " + str(len(body)).encode())
    request = method + b" " + path + b" " + version + b"\r\n" + b"\r\n".join(headers) + b"\r\n\r\n" + body
    if rng.random() < 0.1:
        request = request[:rng.randrange(1, len(request))]  # cut off mid-way
    if rng.random() < 0.05:
        request = bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 500)))
    return request, False


def exchange(port, data):
    """Sends raw bytes; returns the status of the first answer, or None when the server closed without one."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        chunks = b""
        try:
            while b"\r\n" not in chunks:
                piece = s.recv(4096)
                if not piece:
                    break
                chunks += piece
        except (socket.timeout, ConnectionResetError):
            pass
    line = chunks.split(b"\r\n", 1)[0]
    parts = line.split(b" ")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    config = "rate_limit_per_minute: 100000\n" \
             "channels:\n  json: {enabled: true}\n  twilio: {enabled: true, account_sid: AC1, from: \"+3197010250999\"}\n"
    with scratch_dir("wegwijzer-fuzz-http-") as work:  # kept when a check fails
        with serve(args.bin, config, work=work, name="fuzz", env={"WEGWIJZER_JSON_SECRET": SECRET, "TWILIO_AUTH_TOKEN": TOKEN}) as server:
            sys.exit(0 if play(server, rng, args) else 1)


def play(server, rng, args):
    """The raw requests, then the checks; prints the summary and says whether all was well."""
    statuses, problems, started = {}, [], time.time()
    for n in range(1, args.count + 1):
        data, well_formed = signed_json(rng) if rng.random() < 0.3 else malformed(rng)
        status = exchange(server.port, data)
        statuses[status] = statuses.get(status, 0) + 1
        if not server.running:
            problems.append(f"request {n} (seed {args.seed}): the server died with {server.returncode}")
            break
        if status is not None and status >= 500:
            problems.append(f"request {n} (seed {args.seed}): status {status} for {data[:120]!r}")
        if well_formed and status is None:
            problems.append(f"request {n} (seed {args.seed}): a well-formed signed request got no answer")
    died = not server.running
    try:
        healthy = get(server.url + "/healthz", timeout=5)[0] == 200
    except OSError:
        healthy = False
    code = server.stop()  # SIGTERM: a clean exit is one of the checks
    con = sqlite3.connect(f"file:{server.db}?mode=ro", uri=True)
    check = [r[0] for r in con.execute("PRAGMA integrity_check")]
    stored = con.execute("SELECT COUNT(*) FROM message WHERE direction = 'in'").fetchone()[0]
    con.close()
    crashes = 1 if died else 0
    shown = " ".join(f"{k if k is not None else 'closed'}={v}" for k, v in sorted(statuses.items(), key=lambda kv: kv[0] or 0))
    fivexx = sum(v for k, v in statuses.items() if k is not None and k >= 500)
    print(f"fuzz http: seed {args.seed}, {sum(statuses.values())} raw requests in {time.time() - started:.0f} s; "
          f"status {shown}; 5xx {fivexx}; server crashes {crashes}; "
          f"healthz {'ok' if healthy else 'FAILED'}; {stored} inbound messages stored; integrity_check {check[0] if len(check) == 1 else check}")
    for p in problems[:20]:
        print("  PROBLEM " + p)
    ok = not problems and healthy and check == ["ok"] and code == 0
    if not ok and code != 0:
        print(f"  server exit status {code}; log in {server.log}")
    return ok


if __name__ == "__main__":
    main()
