"""A relay between the browser and a Streamlit server that notes when each websocket message
from the server passes through it, and which ForwardMsg it is.

Why: a timestamp taken in the page (a websocket "message" listener, or Chrome's DevTools
network events, which the page's renderer also reports) waits for the browser's main thread.
While the page draws the charts of the first deltas of a script run, the later messages queue
up, so "script finished" seemed to arrive 36–115 ms after the server had sent it (seen with
strace on the server, 10 scrubs at load 2). The relay runs in the benchmark's own process, on
the loopback next to the server: what it notes is when the server sent each message.

    tap = WebsocketTap(server_port)      # the browser opens http://127.0.0.1:{tap.port}/
    ...
    tap.messages                          # [(time.perf_counter(), "new_session" / "delta" / ...)]
    tap.close()
"""
from __future__ import annotations

import asyncio
import threading
import time

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

_UPGRADED = b" 101 "  # the server's "HTTP/1.1 101 Switching Protocols": websocket frames follow


class WebsocketTap:
    def __init__(self, server_port: int) -> None:
        self.messages: list[tuple[float, str]] = []
        self._server_port = server_port
        self._loop = asyncio.new_event_loop()
        started = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(started,), daemon=True)
        self._thread.start()
        started.wait(10)

    def _serve(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        self._listener = self._loop.run_until_complete(
            asyncio.start_server(self._relay, "127.0.0.1", 0))
        self.port = self._listener.sockets[0].getsockname()[1]
        started.set()
        self._loop.run_forever()
        self._loop.close()

    async def _relay(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter):
        server_r, server_w = await asyncio.open_connection("127.0.0.1", self._server_port)

        async def pipe(reader, writer, watch: bool) -> None:
            pending, upgraded = b"", False
            try:
                while chunk := await reader.read(65536):
                    arrived = time.perf_counter()
                    writer.write(chunk)
                    if not watch:
                        continue
                    pending += chunk
                    if not upgraded:
                        head, sep, rest = pending.partition(b"\r\n\r\n")
                        if not sep:
                            continue
                        upgraded, pending = _UPGRADED in head.split(b"\r\n", 1)[0], rest
                        if not upgraded:  # a plain HTTP response (page, script, health)
                            pending = b""
                            watch = False
                            continue
                    pending = self._frames(pending, arrived)
            except (ConnectionError, OSError):
                pass
            finally:
                writer.close()

        await asyncio.gather(pipe(client_r, server_w, False), pipe(server_r, client_w, True))

    def _frames(self, data: bytes, arrived: float) -> bytes:
        """Note every complete websocket frame in ``data``; return the incomplete rest.

        A server's frames are unmasked: byte 0 = FIN + opcode, byte 1 = length (126: a 16-bit
        length follows, 127: a 64-bit one). Streamlit sends each ForwardMsg as one binary frame.
        """
        while len(data) >= 2:
            opcode, length, start = data[0] & 0x0F, data[1] & 0x7F, 2
            if length == 126:
                length, start = int.from_bytes(data[2:4], "big"), 4
            elif length == 127:
                length, start = int.from_bytes(data[2:10], "big"), 10
            if len(data) < start + length:
                break
            if opcode == 2:
                kind = ForwardMsg.FromString(data[start:start + length]).WhichOneof("type")
                self.messages.append((arrived, kind))
            data = data[start + length:]
        return data

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _shutdown(self) -> None:
        """Stop listening and end the relays still open (the browser's keep-alive sockets)."""
        self._listener.close()
        relays = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for relay in relays:
            relay.cancel()
        await asyncio.gather(*relays, return_exceptions=True)
