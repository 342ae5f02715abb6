"""Headless Chromium (the system's Debian package) driven over the DevTools
protocol, for the screening app's browser tests. No browser is downloaded.

Every network path off the machine is closed: a dead proxy for everything
but loopback and a host resolver that resolves nothing, so a page that tried
to load anything from elsewhere would fail, and every request is recorded.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

KEYS = {"i": 73, "e": 69, "m": 77, "u": 85, **{str(d): 48 + d for d in range(10)}, "Enter": 13}


def chromium_path(in_ci: bool) -> str:
    path = os.environ.get("GRAFTLINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if in_ci:
            pytest.fail(f"CI=true but Chromium is missing at {path}; .ci/run installs the Debian package")
        pytest.skip(f"Chromium not found at {path} (set GRAFTLINE_CHROMIUM or apt-get install chromium)")
    return path


class Socket:
    """One DevTools websocket: calls and the events received meanwhile."""

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
        while True:
            for k, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[: k + 1]
                    return event
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            self.events.append(json.loads(self.socket.recv()))

    def close(self) -> None:
        self.socket.close()


class Page:
    """A tab in its own browser context (own cookies: one reviewer per page)."""

    def __init__(self, socket: Socket):
        self.tab = socket
        self.requests: list[str] = []
        self.tab.call("Page.enable")
        self.tab.call("Network.enable")

    def _collect(self) -> None:
        for event in self.tab.events:
            if event.get("method") == "Network.requestWillBeSent":
                self.requests.append(event["params"]["request"]["url"])

    def navigate(self, url: str) -> None:
        self.tab.call("Page.navigate", url=url)
        self.wait_loaded()

    def wait_loaded(self) -> None:
        self.tab.wait_for("Page.loadEventFired")
        self._collect_all()

    def _collect_all(self) -> None:
        self._collect()
        self.tab.events = [e for e in self.tab.events if e.get("method") != "Network.requestWillBeSent"]

    def evaluate(self, expression: str):
        result = self.tab.call("Runtime.evaluate", expression=expression, returnByValue=True)
        self._collect_all()
        return result["result"].get("value")

    def press(self, key: str, *, navigates: bool = True) -> None:
        """A real key press (keyDown with text, keyUp); wait for the page it leads to."""
        code = KEYS[key]
        text = "\r" if key == "Enter" else key
        self.tab.call("Input.dispatchKeyEvent", type="keyDown", key=key, text=text,
                      windowsVirtualKeyCode=code, nativeVirtualKeyCode=code)
        self.tab.call("Input.dispatchKeyEvent", type="keyUp", key=key, windowsVirtualKeyCode=code,
                      nativeVirtualKeyCode=code)
        if navigates:
            self.wait_loaded()

    def type_text(self, text: str) -> None:
        self.tab.call("Input.insertText", text=text)

    def click(self, selector: str) -> None:
        """A real mouse click at the middle of the element; waits for the page it leads to."""
        box = self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
                            "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); "
                            "return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.tab.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)
        self.wait_loaded()

    def screenshot(self, path: Path) -> None:
        size = self.tab.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.tab.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                             clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))


class Chromium:
    """A headless Chromium process; :meth:`new_page` opens an isolated tab."""

    def __init__(self, executable: str, profile: Path):
        self.process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--disable-default-apps", "--proxy-server=127.0.0.1:9",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--remote-debugging-address=127.0.0.1",
             "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1280,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while True:
            lines = port_file.read_text().split() if port_file.exists() else []
            if len(lines) >= 2 and lines[0].isdigit():
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        self.port = int(lines[0])
        self.browser = Socket(f"ws://127.0.0.1:{self.port}{lines[1]}")
        self.pages: list[Page] = []

    def new_page(self) -> Page:
        context = self.browser.call("Target.createBrowserContext")["browserContextId"]
        target = self.browser.call("Target.createTarget", url="about:blank", browserContextId=context)["targetId"]
        page = Page(Socket(f"ws://127.0.0.1:{self.port}/devtools/page/{target}"))
        page.tab.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1,
                      mobile=False)
        self.pages.append(page)
        return page

    def close(self) -> None:
        for page in self.pages:
            page.tab.close()
        self.browser.close()
        self.process.terminate()
        self.process.wait(timeout=30)
