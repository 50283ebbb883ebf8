#!/usr/bin/python3
"""A webhook receiver on 127.0.0.1 for Vigil's alert tests and bench: Python's standard
library only. Each POST is answered by what its path asks for and, when taken, written as
one JSON line to --out: {"received_ns", "path", "authorization", "body"}.

  /ok...        200
  /fail...      500 with a short body
  /hang...      no answer for --hang seconds (the client's timeout must end it)
  /loop...      302 to itself, forever
  /flaky/N      500 for the first N requests to this path, then 200

The port it listens on is printed as the first line of standard output ("port N").
"""

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
counts = {}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--hang", type=float, default=60.0)
    args = parser.parse_args()
    out = open(args.out, "a", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *unused):
            pass

        def answer(self, status, body=b"", headers=None):
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            received = time.time_ns()
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8", "replace")
            path = self.path
            if path.startswith("/hang"):
                time.sleep(args.hang)
                return
            if path.startswith("/loop"):
                self.answer(302, headers={"Location": path})
                return
            if path.startswith("/fail"):
                self.answer(500, b"internal trouble")
                return
            if path.startswith("/flaky/"):
                with lock:
                    counts[path] = counts.get(path, 0) + 1
                    seen = counts[path]
                if seen <= int(path.split("/")[2]):
                    self.answer(500, b"not yet")
                    return
            with lock:
                out.write(json.dumps({"received_ns": received, "path": path,
                                      "authorization": self.headers.get("Authorization", ""),
                                      "body": body}) + "\n")
            self.answer(200, b"ok")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("port %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
