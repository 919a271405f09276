"""Reporters of `dutylist route` and `dutylist check`: the registries and JSON.

The registries import the format modules (on use); the phrases those share are in
`route_phrases`, so no format module imports this one back.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Protocol

from dutylist_cli.reporters import SourceLines

if TYPE_CHECKING:
    from dutylist_cli.gate.pull_request import GateResult
    from dutylist_cli.gate.routing import Policy, RouteResult

ROUTE_FORMATS = ("text", "json", "markdown")
CHECK_FORMATS = ("text", "json", "markdown", "github")


class RouteReporter(Protocol):
    def __call__(self, result: RouteResult, *, lang: str) -> str: ...


class CheckReporter(Protocol):
    def __call__(
        self,
        result: GateResult,
        *,
        lang: str,
        source: SourceLines | None = None,
        color: bool = False,
        width: int = 100,
    ) -> str: ...


def route_reporter(name: str) -> RouteReporter:
    """The renderer of `route --format NAME` (imported on use: pay only for what is printed)."""
    from dutylist_cli.reporters import route_markdown, route_text

    reporters: dict[str, RouteReporter] = {
        "text": route_text.render_route,
        "json": render_route_json,
        "markdown": route_markdown.render_route,
    }
    return reporters[name]


def check_reporter(name: str) -> CheckReporter:
    """The renderer of `check --format NAME`."""
    from dutylist_cli.reporters import route_github, route_markdown, route_text

    reporters: dict[str, CheckReporter] = {
        "text": route_text.render_check,
        "json": render_check_json,
        "markdown": route_markdown.render_check,
        "github": route_github.render_check,
    }
    return reporters[name]


def render_policy(policy: Policy, *, fmt: str, lang: str) -> str:
    """`route --explain`: the policy in words (text, markdown) or as data (json)."""
    if fmt == "json":
        return json.dumps(policy_as_dict(policy), ensure_ascii=False, indent=2)
    from dutylist_cli.reporters.route_text import render_explain

    return render_explain(policy, lang=lang)


def policy_as_dict(policy: Policy) -> dict[str, Any]:
    return {
        "overridden": policy.overridden,
        "triggers": {
            token: {"heavier": rule.heavier, "lighter": rule.lighter}
            for token, rule in policy.triggers.items()
        },
        "approvals": {route: policy.required(route) for route in policy.approvals},
        "heavier_adds": sorted(policy.heavier_adds),
        "heavier_moves": sorted(f"{a}->{b}" for a, b in policy.heavier_moves),
        "editorial": (
            {"max_chars": policy.wording.max_chars, "min_ratio": policy.wording.min_ratio}
            if policy.wording.max_chars
            else None
        ),
    }


# -- JSON (the contract of cli.md "route and check") ----------------------------------------------
def render_route_json(result: RouteResult, *, lang: str) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)


def check_as_dict(result: GateResult, *, lang: str) -> dict[str, Any]:
    from dutylist_cli.reporters.json_report import as_dict

    return {
        "validate": as_dict(result.validation, lang=lang),
        "route": result.routing.as_json(),
        "ok": result.ok,
        "immutable": [e.as_json() for e in result.edited],
        "policy_changed": result.policy_changed,
        "policy_change_allowed": result.policy_change_allowed,
        "templates": result.templates,
    }


def render_check_json(
    result: GateResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    return json.dumps(check_as_dict(result, lang=lang), ensure_ascii=False, indent=2)
