"""Local network peers for tests: a free port on 127.0.0.1 and an SMTP recorder for aiosmtpd."""

from __future__ import annotations

import socket


class Recorder:
    """An SMTP peer that stores what arrives, or answers every DATA with `reply`."""

    def __init__(self, reply: str = "250 Message accepted for delivery"):
        self.reply, self.received = reply, []

    async def handle_DATA(self, server, session, envelope):
        if self.reply.startswith("250"):
            self.received.append(envelope)
        return self.reply


def free_port() -> int:
    """A port nobody listens on (aiosmtpd's port=0 breaks its ready check, so pick one first)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
