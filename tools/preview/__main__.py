"""Preview server: rebuild on save, reload the browser, problems in the page.

    python -m tools.preview [--settings pelicanconf.py] [--output output] [--port 8000]
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading

from tools.build import load_settings, path_overrides
from tools.serve import PortTaken, bind

from .server import PreviewServer
from .session import PreviewSession
from .watcher import restart_process, watch


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-watch", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    settings = load_settings(args.settings, path_overrides(args.content, args.output))
    session = PreviewSession(settings)
    try:
        server = bind(lambda: PreviewServer(session, args.host, args.port), args.port, command="make devserver")
    except PortTaken as error:
        print(error, file=sys.stderr)
        return 1
    # requests wait for the first build
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    session.start()
    print(f"preview: http://{args.host}:{server.server_address[1]}/ (reloads on every save)", file=sys.stderr,
          flush=True)
    try:
        if args.no_watch:
            session.stopping.wait()
        else:
            watch(session, settings["PATH"], ["plugins", "tools", args.settings, "pelicanconf.py"],
                  settings["THEME"], restart_process)
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
