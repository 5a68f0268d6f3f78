"""`make serve`: serve output/ on http://127.0.0.1:PORT/ (after `make html`); a taken port is a message.

    python -m tools.serve [--output output] [--port 8000]
"""

from __future__ import annotations

import argparse
import errno
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class QuietHTTPServer(ThreadingHTTPServer):
    """A browser that goes away while it waits (a closed tab, a reload) is no traceback in the log."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)


class PortTaken(Exception):
    """The port is in use; the message says how to choose another."""


def bind(make_server, port: int, command: str = "make serve"):
    """`make_server()`, or PortTaken saying what to do when another program has the port."""
    try:
        return make_server()
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise PortTaken(f"port {port} is taken (another preview or server runs there): stop that one, or choose "
                        f"another port: {command} PORT={port + 1}") from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="output")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=args.output)
    try:
        server = bind(lambda: QuietHTTPServer((args.host, args.port), handler), args.port)
    except PortTaken as error:
        print(error, file=sys.stderr)
        return 1
    print(f"serving {args.output}/ at http://{args.host}:{server.server_address[1]}/ (Ctrl+C stops)", file=sys.stderr,
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
