"""Signed Twilio-style webhook requests for wrk: one file per client, one request per line
(`signature<TAB>form body`). Every MessageSid is unique, so nothing is answered as a redelivery.

  conversation URL DIR CLIENTS PER_CLIENT INTAKE_FILE   each client walks whole intakes, inwoner after inwoner
  scale URL DIR CLIENTS PER_CLIENT INWONERS              each request is an answer of a random seeded inwoner
"""
import os
import random
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from wegwijzer_test_support import sign_twilio  # noqa: E402

TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "bench-token")
ACCOUNT = "AC00000000000000000000000000000000"
TO = "+3197010250999"


def signed(url, phone, text, sid):
    params = {"AccountSid": ACCOUNT, "Body": text, "From": phone, "MessageSid": sid, "To": TO}
    return sign_twilio(url, params, TOKEN) + "\t" + urllib.parse.urlencode(params)


def main():
    mode, url, out, clients, per_client, extra = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(7)
    if mode == "conversation":
        lines = [l[2:] for l in open(extra, encoding="utf-8").read().splitlines() if l.startswith("> ")] or \
                [l for l in open(extra, encoding="utf-8").read().splitlines() if l]
    for c in range(clients):
        with open(os.path.join(out, f"client-{c}.txt"), "w", encoding="utf-8") as f:
            for k in range(per_client):
                if mode == "conversation":
                    round_, step = divmod(k, len(lines))
                    phone = "+3162%07d" % (c + clients * round_)
                    text = lines[step]
                else:
                    phone = "+3161%07d" % rng.randrange(int(extra))
                    text = "7"
                f.write(signed(url, phone, text, f"SMb{c}x{k}") + "\n")


if __name__ == "__main__":
    main()
