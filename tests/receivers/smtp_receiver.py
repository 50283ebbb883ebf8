#!/usr/bin/python3
"""An SMTP server on 127.0.0.1 for Vigil's alert tests and bench, from Debian's
python3-aiosmtpd. Each message taken is written as one JSON line to --out:
{"received_ns", "mail_from", "rcpt_tos", "data"}.

  --tls-cert/--tls-key   offer STARTTLS with this certificate and require it
  --user/--password      require this login (only after STARTTLS, as aiosmtpd insists)
  --no-starttls          offer no STARTTLS at all (a client that requires it must refuse)

The port it listens on is printed as the first line of standard output ("port N").
"""

import argparse
import json
import socket
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    out = open(args.out, "a", buffering=1)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            out.write(json.dumps({"received_ns": time.time_ns(), "mail_from": envelope.mail_from,
                                  "rcpt_tos": envelope.rcpt_tos,
                                  "data": envelope.content.decode("utf-8", "replace")}) + "\n")
            return "250 Message accepted for delivery"

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False)

    options = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        options.update(authenticator=authenticate, auth_required=True)
    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print("port %d" % port, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
