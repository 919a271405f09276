"""A real browser for the printed HTML: Debian's Chromium driven by Playwright (no download)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


class Browser:
    """Opens an HTML file and tells the style, and the fonts really drawn, of an element."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def open(self, path: Path) -> BrowserPage:
        page = self._browser.new_page()
        page.goto(path.resolve().as_uri())
        return BrowserPage(page)


class BrowserPage:
    def __init__(self, page: Any) -> None:
        self.page = page
        self._cdp = page.context.new_cdp_session(page)
        self._cdp.send("DOM.enable")
        self._cdp.send("CSS.enable")

    def computed(self, selector: str, prop: str) -> str:
        value = self.page.eval_on_selector(
            selector, f"e => getComputedStyle(e).getPropertyValue({prop!r})"
        )
        return str(value)

    def drawn_fonts(self, selector: str) -> list[str]:
        """The families Chromium drew the element's own text with, most glyphs first."""
        document = self._cdp.send("DOM.getDocument", {"depth": -1})
        node = self._cdp.send(
            "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector}
        )
        fonts = self._cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
        ranked = sorted(fonts["fonts"], key=lambda f: -f["glyphCount"])
        return [str(f["familyName"]) for f in ranked]

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="session")
def browser(chromium: Any) -> Browser:
    """The shared Chromium (tests/conftest.py), with the page helpers these tests use."""
    return Browser(chromium)
