"""PDF printing through WeasyPrint, with a Chinese font that is really embedded.

WeasyPrint draws empty boxes (tofu) and exits happily when no installed font covers Chinese, so
the font is checked before printing (fontconfig must know a Chinese font, or the one asked for)
and after it (the PDF must embed one of them). Both failures say what to install.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.store.atomic import write_atomic

# tried in this order when no --font is given: serif faces first, as official lists are printed
PREFERRED_FAMILIES = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
    "FangSong",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
)
# a report is a page of figures: sans faces first, and the ones Windows and macOS browsers have
REPORT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "SimSun",
)


class MissingChineseFont(UsageError):
    pass


@dataclass(frozen=True)
class ChineseFonts:
    """The Chinese font families fontconfig knows, and the ones a print asks for.

    ``fallbacks`` follow the chosen ones in the CSS stack (for a browser that lacks them), then
    the ``generic`` family.
    """

    installed: tuple[str, ...]
    chosen: tuple[str, ...]
    fallbacks: tuple[str, ...] = PREFERRED_FAMILIES
    generic: str = "serif"

    def css(self) -> str:
        """The CSS font-family value, each name a CSS string that cannot end the <style>."""
        names = [*self.chosen, *(f for f in self.fallbacks if f not in self.chosen)]
        return ", ".join(css_string(name) for name in names) + f", {self.generic}"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes, backslashes, ``<``, ``>``, ``&`` and control
    characters as CSS escapes, so a font name can end neither the string nor the <style>."""
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F else ch
        for ch in text
    )
    return f'"{escaped}"'


def browser_fonts(
    requested: str | None = None,
    *,
    preferred: tuple[str, ...] = PREFERRED_FAMILIES,
    generic: str = "serif",
) -> ChineseFonts:
    """The fonts an HTML page asks for: ``requested`` first, not checked against this machine's
    fonts (the page is read on other computers)."""
    return ChineseFonts((), (requested,) if requested else (), preferred, generic)


def chinese_fonts(
    requested: str | None = None,
    *,
    preferred: tuple[str, ...] = PREFERRED_FAMILIES,
    generic: str = "serif",
) -> ChineseFonts:
    """The fonts to print with; a clear failure when no Chinese font (or not ``requested``).

    ``preferred`` are tried in order when nothing is requested (serif faces for a list).
    """
    installed = installed_chinese_families()
    if installed is None:  # no fc-list: trust the check on the printed file
        chosen = (requested,) if requested else preferred
        return ChineseFonts((), chosen, preferred, generic)
    if not installed:
        raise MissingChineseFont(
            messages.text("render.font.none"), hint=messages.text("render.font.install")
        )
    if requested:
        wanted = _key(requested)
        if not any(_key(family) == wanted for family in installed):
            raise MissingChineseFont(
                messages.text(
                    "render.font.unknown", font=requested, installed="、".join(installed[:8])
                ),
                hint=messages.text("render.font.install"),
            )
        return ChineseFonts(installed, (requested,), preferred, generic)
    present = tuple(f for f in preferred if f in installed)
    return ChineseFonts(installed, present or (installed[0],), preferred, generic)


def installed_chinese_families() -> tuple[str, ...] | None:
    """Families fontconfig says cover Chinese (zh-cn), or None when fc-list is not installed."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    found = subprocess.run(
        [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, check=False
    )
    families: list[str] = []
    for line in found.stdout.splitlines():
        for family in line.split(","):
            family = family.strip()
            if family and family not in families:
                families.append(family)
    return tuple(sorted(families, key=lambda f: (not f.isascii(), f)))


def _key(name: str) -> str:
    return re.sub(r"[\s_-]", "", name).casefold()


def html_to_pdf(html: str, *, base_url: Path, fonts: ChineseFonts) -> bytes:
    """Print ``html`` to PDF bytes; the result must embed a Chinese font and miss no glyph."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango or harfbuzz missing
        raise UsageError(
            messages.text("render.pdf.unavailable", detail=str(exc).splitlines()[0][:200]),
            hint=messages.text("render.pdf.install"),
        ) from None
    document = weasyprint.HTML(string=html, base_url=str(base_url)).render()
    out = io.BytesIO()
    document.write_pdf(out)
    _require_embedded(document.fonts.values(), fonts)
    return out.getvalue()


def _require_embedded(used: Iterable[Any], fonts: ChineseFonts) -> None:
    """A Chinese family among the fonts WeasyPrint embedded, and no character drawn as a box."""
    used = list(used)
    families = sorted({_text(font.family) for font in used if getattr(font, "family", None)})
    missing = {_char(c) for font in used for c in getattr(font, "missing", None) or ()}
    wanted = {_key(f) for f in (*fonts.chosen, *fonts.installed, *fonts.fallbacks)}
    # a WeasyPrint that does not say a font's family leaves the missing glyphs to tell
    chinese = not families or any(_key(family) in wanted for family in families)
    if not chinese or any(_is_cjk(c) for c in missing):
        raise MissingChineseFont(
            messages.text("render.font.not_embedded", fonts="、".join(families) or "—"),
            hint=messages.text("render.font.install"),
        )


def _text(value: object) -> str:
    """A font family as text (WeasyPrint before 70 gives bytes)."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _char(codepoint: object) -> str:
    return chr(codepoint) if isinstance(codepoint, int) else str(codepoint)


def _is_cjk(char: str) -> bool:
    return any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in char)


def write_pdf(path: Path, pdf: bytes) -> None:
    write_atomic(path, pdf)
