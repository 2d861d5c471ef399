#!/usr/bin/env python3
"""The smoke test (run by scripts/smoke; stdlib only): the built `wegwijzer serve` on a free
loopback port plays module 1 through signed Twilio-style requests; every TwiML reply must hold
the text expected, a forged request must get a 403, and SIGTERM must end the server cleanly."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from wegwijzer_test_support import TWILIO_HEADER, get, post, scratch_dir, serve, twilio_form  # noqa: E402

TOKEN = "smoke-test-token"
ACCOUNT = "AC00000000000000000000000000000000"
FROM, TO = "+31612345678", "+3197010250999"
CONFIG = f"""channels:
  twilio: {{enabled: true, account_sid: {ACCOUNT}, from: "{TO}", reply_mode: twiml}}
"""

# What the inwoner sends, and a text the TwiML reply must contain.
MODULE_1 = [
    ("hoi", "Wil je meedoen?"),
    ("ja", "Over welke onderwerpen wil je praten?"),
    ("1 en 2", "Geld: genoeg geld"),
    ("een voldoende", "Bedoel je een 6?"),
    ("ja", "Wonen: je huis"),
    ("4", "Waar wil je iets aan veranderen?"),
    ("wonen", "Maak de zin af: Ik ben"),
    ("eerlijk", "Ik kan"),
    ("goed koken", "Ik heb"),
    ("ik kan niet meer", "0800-0113"),
    ("een lieve zus", "Ik wil"),
    ("weer werken", "Wonen 4 (wil veranderen)"),
    ("ja", "Wil je dat iemand die je goed kent"),
    ("nee", "Deel 1 is klaar"),
    ("PAUZE", "Stuur een bericht als je verder wilt"),
]


def fail(what, server):
    with open(server.log, encoding="utf-8", errors="replace") as log:
        sys.exit(f"smoke: {what}\n{log.read()}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    args = parser.parse_args()
    with scratch_dir("wegwijzer-smoke-") as work:
        server = serve(args.bin, CONFIG, work=work, name="smoke", env={"TWILIO_AUTH_TOKEN": TOKEN})
        with server:
            _, health = get(server.url + "/healthz")
            if b'"database":"ok"' not in health:
                fail(f"/healthz says {health.decode('utf-8', errors='replace')}", server)
            webhook = server.url + "/webhooks/twilio"
            for n, (text, expected) in enumerate(MODULE_1, 1):
                params = {"AccountSid": ACCOUNT, "Body": text, "From": FROM, "MessageSid": f"SMsmoke{n}", "To": TO}
                status, reply = post(webhook, *twilio_form(webhook, params, TOKEN))
                if expected not in reply.decode("utf-8", errors="replace"):
                    sys.exit(f"smoke: after '{text}' expected '{expected}' in: {reply.decode('utf-8', errors='replace')}")
            # A forged request changes nothing.
            status, _ = post(webhook, b"Body=STOP&From=%2B31612345678&MessageSid=SMx",
                             {"Content-Type": "application/x-www-form-urlencoded", TWILIO_HEADER: "forged"})
            if status != 403:
                sys.exit(f"smoke: a forged request got {status}")
            code = server.stop()
            if code != 0:
                fail(f"server exited with {code} after SIGTERM", server)
    print(f"smoke: module 1 over {len(MODULE_1)} signed Twilio webhooks (a grade asked back, a crisis answered), "
          "a forged request refused, clean shutdown on SIGTERM")
    print("smoke: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
