"""A real SMTP server for the tests (aiosmtpd on a free port), keeping what it receives.

Not a mock: Django's SMTP backend speaks SMTP to it over TCP, as to any mail server.
``hold`` makes the server keep the next message but stall its answer until ``release`` (the
test of a worker killed mid-send uses it).
"""

from __future__ import annotations

import email
import email.policy
import threading
import time
from dataclasses import dataclass

from aiosmtpd.controller import Controller

from tests.live import free_port


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, content_type: str) -> str:
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return part.get_content()
        raise AssertionError(f"no {content_type} part in {self.subject!r}")


class _Handler:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.hold_next = threading.Event()
        self.held = threading.Event()
        self.release_held = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        # Kept on receipt, before answering: as a real mail server queues a message once its
        # data has arrived, whether or not the client lives to read the "250".
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        if self.hold_next.is_set():
            self.hold_next.clear()
            self.held.set()
            # Stalls this answer (only), as a slow server would, until the test releases it.
            import asyncio

            while not self.release_held.is_set():
                await asyncio.sleep(0.05)
        return "250 OK"


class SMTPServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.handler = _Handler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> SMTPServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.handler.release_held.set()
        self.controller.stop()

    @property
    def messages(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]

    def wait_for(self, predicate, timeout: float = 30.0) -> list[Received]:
        """Waits until ``predicate(messages)`` is true; the messages then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages
            if predicate(found):
                return found
            time.sleep(0.1)
        raise AssertionError(f"timed out; the server has {len(self.messages)} messages")

    def hold(self) -> None:
        self.handler.release_held.clear()
        self.handler.held.clear()
        self.handler.hold_next.set()

    def release(self) -> None:
        self.handler.release_held.set()

    def env(self) -> dict[str, str]:
        """The settings a Newsdesk process needs to send here."""
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port)}
