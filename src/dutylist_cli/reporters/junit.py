"""JUnit XML for GitLab and Jenkins: a test suite per file, a failing case per error."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from dutylist_cli import messages
from dutylist_cli.diagnostics import Severity, ValidationResult
from dutylist_cli.reporters import SourceLines


def _classname(file: str) -> str:
    stem = file.rsplit(".", 1)[0] if file.endswith((".yaml", ".yml")) else file
    return stem.replace("/", ".")


def render(
    result: ValidationResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    suites = ET.Element("testsuites", name="dutylist")
    total = failures = 0
    for file, group in groupby(result.diagnostics, key=lambda d: d.file):
        findings = list(group)
        errors = sum(1 for d in findings if d.severity is Severity.ERROR)
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=file,
            tests=str(len(findings)),
            failures=str(errors),
            errors="0",
            skipped="0",
        )
        for d in findings:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_classname(file),
                name=f"{d.code} {messages.rule_title(d.code, lang)} ({d.line}:{d.column})",
                file=file,
                line=str(d.line),
            )
            text = messages.render_message(d, lang)
            detail = f"{file}:{d.line}:{d.column} {d.pointer}"
            if d.severity is Severity.ERROR:
                failure = ET.SubElement(case, "failure", type=d.code, message=text)
                failure.text = detail
            else:
                ET.SubElement(case, "system-out").text = f"{text}\n{detail}"
        total += len(findings)
        failures += errors
    summary_key = "summary" if result.diagnostics else "summary.clean"
    overall = ET.SubElement(
        suites, "testsuite", name="dutylist", tests="1", failures="0", errors="0", skipped="0"
    )
    case = ET.SubElement(overall, "testcase", classname="dutylist", name="validate")
    ET.SubElement(case, "system-out").text = messages.text(
        summary_key, lang, files=result.files, errors=result.errors, warnings=result.warnings
    )
    suites.set("tests", str(total + 1))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
