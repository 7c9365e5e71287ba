"""bench/websocket_tap.py: the relay that notes when a server's websocket messages pass."""
import socket
import threading

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.websocket_tap import WebsocketTap


def _frame(payload: bytes) -> bytes:
    """One unmasked binary websocket frame, as a server sends it."""
    n = len(payload)
    if n < 126:
        head = bytes([0x82, n])
    elif n < 2**16:
        head = bytes([0x82, 126]) + n.to_bytes(2, "big")
    else:
        head = bytes([0x82, 127]) + n.to_bytes(8, "big")
    return head + payload


def _messages() -> list[bytes]:
    started, delta, finished = ForwardMsg(), ForwardMsg(), ForwardMsg()
    started.new_session.name = "app"
    delta.delta.new_element.markdown.body = "x" * 70_000  # a 64-bit length
    finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    middle = ForwardMsg()
    middle.delta.new_element.markdown.body = "y" * 300  # a 16-bit length
    return [m.SerializeToString() for m in (started, middle, delta, finished)]


def _fake_server(listener: socket.socket, payloads: list[bytes]) -> None:
    """An HTTP response first (not watched), then a websocket upgrade and its frames, sent in
    pieces that cut frames in two."""
    for upgrade in (False, True):
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            if not upgrade:
                body = _frame(b"\x22\x02no")  # frame-like bytes in a plain HTTP body
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                continue
            stream = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
            stream += b"".join(_frame(p) for p in payloads)
            for start in range(0, len(stream), 1000):
                conn.sendall(stream[start:start + 1000])


def _exchange(port: int, request: bytes, expected: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(request)
        received = b""
        while len(received) < expected:
            chunk = client.recv(65536)
            if not chunk:
                break
            received += chunk
        return received


def test_the_tap_relays_every_byte_and_names_each_servers_message_in_order():
    payloads = _messages()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        server = threading.Thread(target=_fake_server, args=(listener, payloads), daemon=True)
        server.start()
        tap = WebsocketTap(listener.getsockname()[1])
        try:
            page = _exchange(tap.port, b"GET / HTTP/1.1\r\n\r\n", 40)
            assert page.startswith(b"HTTP/1.1 200 OK") and page.endswith(b"no")
            stream = b"".join(_frame(p) for p in payloads)
            got = _exchange(tap.port, b"GET /_stcore/stream HTTP/1.1\r\n\r\n",
                            len(stream) + 50)
            assert got.endswith(stream)  # relayed unchanged
            server.join(10)
        finally:
            tap.close()
    kinds = [kind for _, kind in tap.messages]
    assert kinds == ["new_session", "delta", "delta", "script_finished"]
    times = [t for t, _ in tap.messages]
    assert times == sorted(times)
