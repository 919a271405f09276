"""What `vet` found: one finding per verdict and sentence, and the result of a notice.

A finding names the townships it holds for and, for each, the item of its own list; its message
(in the language asked for) says what is wrong and what to do: the 主办部门 to cooperate with,
the department that holds a recovered item, the `dutylist temp add` line for off-list work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dutylist_cli import messages
from dutylist_cli.matching import IndexedItem

SEVERITY = {"ok": "info", "lead_mismatch": "warning", "recovered": "error", "off_list": "error"}


@dataclass(frozen=True)
class VetFinding:
    line: int
    text: str
    verdict: str
    townships: tuple[str, ...]
    items: tuple[tuple[str, IndexedItem], ...]  # (township, item) in townships' order
    county: str
    work: str

    @property
    def severity(self) -> str:
        return SEVERITY[self.verdict]

    def message(self, lang: str | None = None) -> str:
        ids: dict[str, list[str]] = {}
        for _, item in self.items:
            ids.setdefault(item.name, [])
            if item.id not in ids[item.name]:
                ids[item.name].append(item.id)
        listed = "、".join(f"{'/'.join(codes)} {name}" for name, codes in ids.items())
        if self.verdict == "ok":
            return messages.text("vet.msg.ok", lang, items=listed)
        if self.verdict == "lead_mismatch":
            leads = "、".join(dict.fromkeys(i.lead or "—" for _, i in self.items))
            return messages.text("vet.msg.lead_mismatch", lang, items=listed, lead=leads)
        if self.verdict == "recovered":
            held = "、".join(dict.fromkeys(i.department or "—" for _, i in self.items))
            return messages.text("vet.msg.recovered", lang, items=listed, department=held)
        return messages.text("vet.msg.off_list", lang, command=self.temp_command())

    def temp_command(self) -> str:
        """The `dutylist temp add` line that registers the work as a temporary task."""
        import shlex

        title = re.sub(r"\s+", "", self.text).rstrip("。；;")
        title = title if len(title) <= 40 else title[:39] + "…"
        parts = ["dutylist", "temp", "add", "--county", self.county, "--title", title]
        for code in self.townships:
            parts += ["--township", code]
        return " ".join(shlex.quote(p) for p in parts)

    def as_json(self, lang: str | None = None) -> dict[str, object]:
        return {
            "line": self.line,
            "text": self.text,
            "verdict": self.verdict,
            "severity": self.severity,
            "townships": list(self.townships),
            "items": [{"township": t, "item": i.id} for t, i in self.items],
            "message": self.message(lang),
        }


@dataclass(frozen=True)
class VetResult:
    document: str
    county: str
    findings: list[VetFinding]
    names: dict[str, str]  # township code -> name, for the reporters

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def as_json(self, lang: str | None = None) -> dict[str, object]:
        return {
            "document": self.document,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.as_json(lang) for f in self.findings],
        }
