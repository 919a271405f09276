"""JUnit XML for GitLab and Jenkins: a test suite per file, a failing case per error."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from dutylist_cli import messages
from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dutylist_cli.reporters import SourceLines

# Characters XML 1.0 cannot hold even escaped; ElementTree would write them and break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def classname(file: str) -> str:
    """lists/320115-江宁区/320115001-东山街道.yaml -> lists.320115-江宁区.320115001-东山街道"""
    stem = file.rsplit(".", 1)[0] if file.endswith((".yaml", ".yml")) else file
    return stem.replace("/", ".")


def _case(suite: ET.Element, d: Diagnostic, *, lang: str) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=xml_safe(classname(d.file)),
        name=xml_safe(f"{d.code} {messages.rule_title(d.code, lang)} ({d.line}:{d.column})"),
        file=xml_safe(d.file),
        line=str(d.line),
    )
    text = xml_safe(messages.render_message(d, lang))
    where = xml_safe(" ".join(filter(None, [f"{d.file}:{d.line}:{d.column}", d.pointer])))
    if d.severity is Severity.ERROR:
        ET.SubElement(case, "failure", type=d.code, message=text).text = where
    else:  # a warning does not fail the run: a passing case that carries the finding
        ET.SubElement(case, "system-out").text = f"{text}\n{where}"


def render(
    result: ValidationResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    suites = ET.Element("testsuites", name="dutylist")
    ordered = sorted(result.diagnostics, key=Diagnostic.sort_key)
    for file, group in groupby(ordered, key=lambda d: d.file):
        findings = list(group)
        errors = sum(1 for d in findings if d.severity is Severity.ERROR)
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=xml_safe(file),
            tests=str(len(findings)),
            failures=str(errors),
            errors="0",
            skipped="0",
        )
        for d in findings:
            _case(suite, d, lang=lang)
    # one passing case even for a clean run, so CI sees a report with at least one test
    overall = ET.SubElement(
        suites, "testsuite", name="dutylist", tests="1", failures="0", errors="0", skipped="0"
    )
    case = ET.SubElement(overall, "testcase", classname="dutylist", name="validate")
    summary_key = "summary" if result.diagnostics else "summary.clean"
    ET.SubElement(case, "system-out").text = messages.text(
        summary_key, lang, files=result.files, errors=result.errors, warnings=result.warnings
    )
    suites.set("tests", str(len(result.diagnostics) + 1))
    suites.set("failures", str(result.errors))
    suites.set("errors", "0")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
