"""Reading a notice as `vet` does: sentences, the townships each assigns work to, and the role.

A county notice says whom it tasks in a few set ways: a subject at the head of a clause
(各镇（街道）要……, 东山街道、秣陵街道要……), a passive agent (由属地镇（街道）负责……) or a request
(请各街道于……前报送……). A township mentioned anywhere else (全区各镇（街道）累计排查……, 区农业农村局
对各镇（街道）……开展暗访) is background or the department's own work, not an assignment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

# where a sentence ends (kept with it), and list markers that start a new one
_END = "。；！？!?;"
_MARKER = re.compile(
    r"(?:[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]|[一二三四五六七八九十]{1,3}、"
    r"|\d{1,2}[.．、](?!\d)|[①-⑳])"
)
# collective addressees, longest first; the value says which townships: all, subdistricts
# (街道) or towns (镇 and 乡)
_L, _R = "[（(]", "[）)]"
_COLLECTIVE: tuple[tuple[str, str], ...] = (
    (rf"各镇{_L}乡{_R}(?:人民政府)?[、，,和及]?街道(?:办事处)?", "all"),
    (rf"各乡{_L}镇{_R}(?:人民政府)?[、，,和及]?街道(?:办事处)?", "all"),
    (rf"各(?:乡镇|镇|乡){_L}(?:乡、?|镇、?)?街道(?:办事处)?{_R}", "all"),
    (rf"(?:属地|所在|相关|有关)(?:乡镇|镇|乡){_L}街道{_R}", "all"),
    (r"各(?:镇街|街镇|乡镇街道|镇街道)", "all"),
    (r"(?:属地|所在)(?:镇街|街镇|乡镇|乡镇街道)", "all"),
    (r"各乡镇(?:人民政府)?", "all"),
    (r"各街道(?:办事处)?|(?:属地|所在)街道(?:办事处)?", "subdistricts"),
    (rf"各镇{_L}乡{_R}(?:人民政府)?|各镇(?:人民政府)?|各乡(?:人民政府)?", "towns"),
    (r"(?:属地|所在)镇", "towns"),
)
_SECOND_PERSON = r"你(?:镇|乡|街道|单位)|贵(?:镇|乡|街道|单位)"
# what may stand right before an addressee that is tasked: nothing, a clause break, 由, 请 …
_TASKING_PREFIX = re.compile(r"(?:^|[，,：:]|由|请|要求|责成|交由|明确由|统一由|并由|均由)\s*$")
# …or, before 所在/属地 township, the agent and whose township it is (由项目所在镇（街道）)
_POSSESSOR = re.compile(r"由[^，。；,;：:由]{1,10}$")
# …and right after it, within a few characters: a modal or a verb of duty
_DUTY = re.compile(
    r"^.{0,14}?(?:要|应当?|须|必须|务必|需|负责|牵头|配合|协助|协同|参与|是|于|依法|结合|按照|"
    r"在|对|组织|做好|落实|开展|加强|建立|完善|抓好|推进|督促|实行|实施|报送|上报|定期|提出|受理|"
    r"排查|巡查|做到|确保|严格|切实|认真|全面|进一步|及时|立即|统筹|自|每)"
)
# a sentence without a subject that still tasks its reader: 要……, 请于……前……
_IMPLICIT = re.compile(r"^(?:要|请|务必|必须|须|应当?|负责|牵头|配合|协助)")
_NOT_TASKED_AFTER = re.compile(r"^(?:的|累计|共|已|均已|先后|分别为|占)")
# the township's role: lead (it answers for the work) or cooperation (a department leads)
_STRONG_LEAD = re.compile(
    r"牵头|负总责|第一责任|主体责任|全面负责|总负责|独立(?:组织|完成|开展|负责|承担)|组织实施"
)
_COOPERATION = re.compile(
    r"配合|协助|协同|参与|在[^，。；]{1,24}?(?:指导|统筹|部署|组织)下|按照[^，。；]{1,30}?要求"
)
_WEAK_LEAD = re.compile(r"负责")
# what is neither the work nor its subject: dates, times, deadlines, the role's own words
_DATE = re.compile(
    r"(?:\d{2,4}年)?\d{1,2}月(?:\d{1,2}日)?(?:[—\-~至到]+(?:\d{1,2}月)?\d{1,2}日)?"
    r"|\d{4}年(?:底|初|内)?|每(?:周[一二三四五六日天]?|月|季度?|年|日|天)"
    r"|(?:上午|下午|晚上)?\d{1,2}[点时](?:\d{1,2}分)?|\d+(?:小时|个?工作日|天|日)内"
)
_ROLE_WORDS = re.compile(
    r"请|要|牵头|负总责|负责|配合|协助|协同|第一责任主体|主体责任|组织实施|前报送|之前|以前"
)


@dataclass(frozen=True)
class Sentence:
    line: int  # the 1-based line where it starts
    text: str  # as written, without a leading list marker


@dataclass(frozen=True)
class Township:
    code: str
    name: str

    @property
    def kind(self) -> str:
        """subdistrict (街道), town (镇) or township (乡), by the 7th digit (GB/T 10114)."""
        return {"0": "subdistrict", "1": "town", "2": "township"}.get(self.code[6:7], "town")


@dataclass(frozen=True)
class Assignment:
    """A sentence that tasks townships: whom, in which role, with what work."""

    sentence: Sentence
    townships: tuple[str, ...]  # codes
    role: str  # lead | cooperation | neutral
    work: str  # the sentence without the addressee, departments, dates and role words
    departments: tuple[str, ...]  # county departments it names (canonical)


def iter_sentences(lines: Sequence[str]) -> Iterator[Sentence]:
    """Each line cut after 。；！？ and before list markers; blank pieces left out."""
    for number, line in enumerate(lines, start=1):
        for piece in _split_line(line):
            text = piece.strip()
            text = _MARKER.sub("", text, count=1) if _MARKER.match(text) else text
            text = text.strip().strip("\u3000").strip()
            if text:
                yield Sentence(number, text)


def _split_line(line: str) -> Iterator[str]:
    start = 0
    for index, char in enumerate(line):
        if char in _END:
            yield line[start : index + 1]
            start = index + 1
        elif index > start and _MARKER.match(line, index) and _after_break(line, start, index):
            yield line[start:index]
            start = index
    yield line[start:]


def _after_break(line: str, start: int, index: int) -> bool:
    """A list marker inside a line starts a sentence only after a pause (：, ，, space)."""
    before = line[start:index].rstrip()
    return bool(before) and before[-1] in "：:，, \u3000" and not line[index - 1].isdigit()


class Addressees:
    """Finds the townships a sentence tasks, among those of one county."""

    def __init__(
        self,
        townships: Sequence[Township],
        *,
        departments: Mapping[str, str],
        reserved: Iterable[str] = (),
        given: Sequence[str] = (),
    ) -> None:
        self.townships = list(townships)
        self.given = tuple(given)  # --township: narrows collectives, answers for 你镇
        self.departments = departments  # name or alias -> canonical name
        names: dict[str, list[str]] = {}
        for township in self.townships:
            names.setdefault(_norm(township.name), []).append(township.code)
        short: dict[str, list[str]] = {}
        for township in self.townships:
            form = re.sub(r"(?:民族乡|街道|镇|乡)$", "", _norm(township.name))
            short.setdefault(form, []).append(township.code)
        blocked = [_norm(r) for r in reserved] + [_norm(d) for d in departments]
        for form, codes in short.items():
            # 江宁 is 江宁街道 but also 江宁区: a short form inside another place name is unsafe
            if len(form) >= 2 and len(codes) == 1 and not any(form in b for b in blocked):
                names.setdefault(form, codes)
        alternatives = [p for p, _ in _COLLECTIVE] + [_SECOND_PERSON]
        alternatives += [re.escape(n) for n in sorted(names, key=len, reverse=True)]
        self._names = names
        self._mention = re.compile("|".join(f"(?:{a})" for a in alternatives))
        self._joined = re.compile(r"^\s*(?:[、和及与]|以及)\s*$")
        self._department = re.compile(
            "|".join(re.escape(_norm(d)) for d in sorted(departments, key=len, reverse=True))
            or r"(?!x)x"
        )

    def assignment(self, sentence: Sentence) -> Assignment | None:
        """The sentence as an assignment, or None when it tasks no township."""
        text = _norm(sentence.text)
        for start, end, codes in self._groups(text):
            prefix, rest = text[:start], text[end:]
            # 由信访人户籍所在镇（街道）受理: whose 所在 township, then the agent
            possessor = text.startswith(("所在", "属地"), start) and _POSSESSOR.search(prefix)
            if not _TASKING_PREFIX.search(prefix) and not possessor:
                continue
            by_agent = prefix.rstrip().endswith("由") or bool(possessor)
            if not by_agent and (_NOT_TASKED_AFTER.match(rest) or not _DUTY.match(rest)):
                continue
            if not codes:
                return None
            scope = rest if not by_agent else prefix + rest
            role = _role(scope, by_agent=by_agent)
            departments = tuple(
                dict.fromkeys(self.departments[m.group(0)] for m in self._iter_departments(text))
            )
            work = _work(prefix + " " + rest, self._department)
            return Assignment(sentence, codes, role, work, departments)
        if self.given and _IMPLICIT.match(text):
            # a notice sent to particular townships (--township) may task them without a subject
            departments = tuple(
                dict.fromkeys(self.departments[m.group(0)] for m in self._iter_departments(text))
            )
            work = _work(text, self._department)
            return Assignment(sentence, self.given, _role(text, by_agent=False), work, departments)
        return None

    def _iter_departments(self, text: str) -> Iterator[re.Match[str]]:
        for match in self._department.finditer(text):
            if match.group(0) in self.departments:
                yield match

    def _groups(self, text: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        """Runs of addressees joined by 、/和 as (start, end, township codes)."""
        mentions = list(self._mention.finditer(text))
        index = 0
        while index < len(mentions):
            first = mentions[index]
            codes = list(self._codes(first.group(0)))
            end = first.end()
            index += 1
            while index < len(mentions) and self._joined.match(text[end : mentions[index].start()]):
                codes += self._codes(mentions[index].group(0))
                end = mentions[index].end()
                index += 1
            yield first.start(), end, tuple(dict.fromkeys(codes))

    def _codes(self, mention: str) -> list[str]:
        if mention in self._names:
            codes = self._names[mention]
            return [c for c in codes if c in self.given] if self.given else list(codes)
        if re.fullmatch(_SECOND_PERSON, mention):
            return list(self.given)
        kind = next(k for p, k in _COLLECTIVE if re.fullmatch(p, mention))
        chosen = [
            t.code
            for t in self.townships
            if kind == "all"
            or (kind == "subdistricts" and t.kind == "subdistrict")
            or (kind == "towns" and t.kind != "subdistrict")
        ]
        return [c for c in chosen if c in self.given] if self.given else chosen


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _role(scope: str, *, by_agent: bool) -> str:
    if _STRONG_LEAD.search(scope):
        return "lead"
    if _COOPERATION.search(scope):
        return "cooperation"
    if by_agent or _WEAK_LEAD.search(scope):
        return "lead"
    return "neutral"


def _work(text: str, departments: re.Pattern[str]) -> str:
    """What is to be done: the sentence without departments, dates and the role's words."""
    text = departments.sub("，", text)
    text = _DATE.sub("，", text)
    return _ROLE_WORDS.sub("，", text)
