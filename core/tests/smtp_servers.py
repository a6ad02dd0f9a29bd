"""Local mail servers in three states, on one port: refusing, hanging and working."""

from __future__ import annotations

import email
import socket
import threading

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Collector:
    """An SMTP handler keeping every message it accepts (optionally calling `on_message`
    before answering, to fail the sender at the worst moment)."""

    def __init__(self, on_message=None) -> None:
        self.messages: list[email.message.Message] = []
        self.on_message = on_message

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        self.messages.append(message)
        if self.on_message is not None:
            self.on_message(message)
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for message in self.messages]


def working_server(port: int, on_message=None) -> tuple[Controller, Collector]:
    collector = Collector(on_message)
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, collector


class HangingServer:
    """Accepts TCP connections (the kernel does, from the backlog) and never says a word:
    a mail server that hangs. Counts who connected."""

    def __init__(self, port: int) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(64)
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        self.listener.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            self.connections.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for conn in self.connections:
            conn.close()
        self.listener.close()
