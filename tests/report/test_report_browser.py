"""The report in a real browser: headless Chromium opens index.html from disk, offline.

Chromium runs with every network path blocked (a dead proxy and a resolver
that maps every host to NOTFOUND) and is driven over the DevTools protocol
on 127.0.0.1: every request the page makes is recorded
(``Network.requestWillBeSent``), the figures' rendered sizes are read with
``Runtime.evaluate`` (the report itself contains no script), and a
full-page screenshot is saved to ``test-artifacts/report.png``.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def _chromium(in_ci: bool) -> str:
    path = os.environ.get("GRAFTLINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if in_ci:
            pytest.fail(f"CI=true but Chromium is missing at {path}; .ci/run installs the Debian package")
        pytest.skip(f"Chromium not found at {path} (set GRAFTLINE_CHROMIUM or apt-get install chromium)")
    return path


class DevTools:
    """A minimal DevTools protocol session over one websocket."""

    def __init__(self, url: str):
        import websocket

        self.socket = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            self.events.append(message)
            if message.get("method") == method:
                return message
        raise TimeoutError(method)


def _debugger_url(profile: Path, process: subprocess.Popen) -> str:
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 60
    # Chromium creates the file before it has written the port into it: wait
    # for a first line that is a number, not just for the file.
    while True:
        text = port_file.read_text() if port_file.exists() else ""
        if text.split() and text.split()[0].isdigit():
            break
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("Chromium did not start its DevTools endpoint")
        time.sleep(0.1)
    port = int(text.split()[0])
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
        targets = json.load(response)
    return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")


@pytest.mark.browser
def test_report_renders_offline_in_chromium(simulated_trial, tmp_path, in_ci):
    chromium = _chromium(in_ci)
    if not in_ci:  # in CI the test extra must be installed: an ImportError fails the test
        pytest.importorskip("websocket", reason="websocket-client (test extra) drives Chromium's DevTools protocol")
    report = simulated_trial[1]
    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", "--window-size=1200,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        tools = DevTools(_debugger_url(profile, process))
        tools.call("Network.enable")
        tools.call("Page.enable")
        url = report.index.resolve().as_uri()
        # Forget about:blank's events so that the load event awaited is the report's.
        tools.events.clear()
        tools.call("Page.navigate", url=url)
        tools.wait_for("Page.loadEventFired")
        figures = tools.call(
            "Runtime.evaluate", returnByValue=True,
            expression="""Array.from(document.images).map(img => {
                const box = img.getBoundingClientRect();
                return {alt: img.alt, complete: img.complete, natural: [img.naturalWidth, img.naturalHeight],
                        shown: [box.width, box.height]};
            })""",
        )["result"]["value"]
        scripts = tools.call("Runtime.evaluate", returnByValue=True,
                             expression="document.scripts.length")["result"]["value"]
        metrics = tools.call("Page.getLayoutMetrics")
        size = metrics["cssContentSize"]
        shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "report.png").write_bytes(base64.b64decode(shot["data"]))
        requests = [e["params"]["request"]["url"] for e in tools.events
                    if e.get("method") == "Network.requestWillBeSent"]
    finally:
        process.terminate()
        process.wait(timeout=30)

    assert scripts == 0
    assert len(figures) == len(report.figures) >= 10
    for figure in figures:
        assert figure["complete"], figure["alt"]
        assert figure["natural"][0] > 0 and figure["natural"][1] > 0, figure["alt"]
        assert figure["shown"][0] > 100 and figure["shown"][1] > 100, figure["alt"]
    # Only the page itself and its inline data: figures; nothing left the machine.
    assert requests and requests[0] == url
    assert all(r == url or r.startswith("data:") for r in requests), requests
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
