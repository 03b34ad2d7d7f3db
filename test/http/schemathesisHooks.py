"""Hooks of the fuzzing test (test/http/fuzzApi.ts), loaded through SCHEMATHESIS_HOOKS.

Two things only, each for a stated reason; every check stays on for every operation.

1. The fuzzer never revokes its own API token (DELETE /api/v1/tokens/{id} with the
   id of the token it authenticates with, which it can learn from GET /api/v1/tokens
   in the stateful phase): every later request would answer 401, which says nothing
   about the API. Other tokens, its own creations included, it may revoke.

2. "Schema-valid request rejected" (ST202) is not counted when the 400 or 428/412
   answers a rule the document states in words but JSON Schema cannot say, and
   only then: RULES below lists each, with why. Any other rejection of
   schema-valid input still fails the run, and so does every other check.
"""

from __future__ import annotations

import json
import os
import re

import schemathesis

OWN_TOKEN_ID = os.environ.get("TRELLIS_FUZZ_TOKEN_ID", "")


@schemathesis.hook
def filter_case(context, case) -> bool:
    if case.operation.label == "DELETE /api/v1/tokens/{id}" and OWN_TOKEN_ID:
        return (case.path_parameters or {}).get("id") != OWN_TOKEN_ID
    return True


# (operation or None for any, field of the problem or None for any, pattern of its
# message, why JSON Schema cannot say it). Each rule is in the document's words too.
RULES: list[tuple[str | None, str | None, str, str]] = [
    (None, "cursor", r"^not a cursor of this list", "cursors are opaque: only a nextCursor the server handed out is one"),
    (None, "to", r"^a CI cannot relate to itself$", "JSON Schema cannot say that two fields differ"),
    (None, "maxCIs", r"^must be at least the number of", "JSON Schema cannot compare a number with the length of another field"),
    ("PUT /api/v1/relationships/{from}/{type}/{to}", "strength", r"^strength applies only to DEPENDS_ON$",
     "the body's schema cannot depend on the path's type"),
    ("PUT /api/v1/relationships/{from}/{type}/{to}", None, r"^the body's (from|type|to) \".*\" differs from the URL's",
     "the body's schema cannot depend on the path"),
    ("PUT /api/v1/cis/{id}", "id", r"^the body's id \".*\" differs from the URL's", "the body's schema cannot depend on the path"),
    (None, None, r"^nested deeper than \d+$", "JSON Schema cannot bound the depth of a recursive value"),
    (None, None, r"^attributes exceed \d+ bytes$", "JSON Schema cannot bound the size of a whole object as JSON text"),
    (None, None, r"^the query string is longer than \d+ characters$", "a limit on the whole percent-encoded query, which no parameter's schema can state"),
    (None, "since", r"^(at most \d+ days back|not a valid time)$",
     "a bound on the span a duration names, and the calendar validity of a date, are beyond a pattern"),
    (None, "type", r"(carries no reliance|must start at an? |must point at an? )",
     "which relationship types may join two CIs depends on the types of the stored CIs at its ends"),
    (None, None, r'^CI ".*" does not exist$', "whether a CI a relationship names exists is the store's state, not the request's shape"),
    (None, None, r"lone UTF-16 surrogate", "JSON Schema cannot tell a lone surrogate escape (\\udfff) from Unicode text"),
    (None, "window.end", r"^the window must end after it starts$", "JSON Schema cannot compare two fields"),
    (None, "end", r"^the freeze must end after it starts$", "JSON Schema cannot compare two fields"),
    (None, "window.end", r"^a change window lasts at most \d+ days", "JSON Schema cannot bound the span between two fields"),
    (None, "template", r"^a standard change names the pre-approved template it follows", "JSON Schema as generated cannot make one field depend on another's value"),
    (None, "window.end", r"^the window ended at ", "whether a window is still to come depends on the clock, not the request's shape"),
    ("PUT /api/v1/change-templates/{id}", "targets", r"^a template names the CIs", "JSON Schema as generated cannot ask for one of two fields"),
    ("PUT /api/v1/change-templates/{id}", "id", r"^the body's id \".*\" differs from the URL's", "the body's schema cannot depend on the path"),
    ("GET /api/v1/changes/calendar", "to", r"^(must be after from|a calendar covers at most \d+ days)$", "JSON Schema cannot compare two parameters"),
    ("GET /api/v1/changes/stats", "to", r"^(must be after from|a period lasts at most \d+ days)$", "JSON Schema cannot compare two parameters"),
    ("POST /api/v1/incidents", "openedAt", r" is in the future: an incident opens when it starts$", "whether an instant is in the future depends on the clock, not the request's shape"),
    ("POST /api/v1/incidents/{id}/resolution", "resolvedAt", r"( is in the future|: it cannot be resolved before)$", "it depends on the clock and on when the stored incident opened"),
    (None, None, r"^an IANA time zone", "the time zones a runtime knows are its tz database's, not a pattern"),
    ("PUT /api/v1/maintenance-windows/{id}", "id", r"^the body's id \".*\" differs from the URL's", "the body's schema cannot depend on the path"),
    ("PUT /api/v1/freezes/{id}", "id", r"^the body's id \".*\" differs from the URL's", "the body's schema cannot depend on the path"),
    ("POST /api/v1/imports", None, r"^a request body is required",
     "an empty body is no body: the document cannot ask an open-ended source file to be non-empty"),
    ("POST /api/v1/imports", "dryRun", r"^a plan never changes the graph", "whether a file is a plan is known from its content"),
    # A source file is opaque content to the document: its format (Terraform state or plan,
    # AWS recording, Kubernetes manifests, Backstage catalog) is the importer's to judge,
    # and it names the file, not a request field, in its problems.
    ("POST /api/v1/imports", "@file", r"", "the format of a source file is its importer's, not the document's"),
    # The plan gate reads a Terraform plan as the body: whether it is one (resource_changes...)
    # is the plan reader's to judge, and it names the file, not a request field.
    ("POST /api/v1/plan-impact", "@file", r"", "the format of a Terraform plan is its reader's, not the document's"),
    ("POST /api/v1/plan-impact", None, r"^a request body is required",
     "an empty body is no body: the document cannot ask an open-ended plan document to be non-empty"),
]


def _problems(response) -> list[dict]:
    try:
        document = json.loads(response.content or b"{}")
    except ValueError:
        return []
    problems = document.get("problems") if isinstance(document, dict) else None
    return problems if isinstance(problems, list) else []


def _explained(operation: str, problem: dict) -> str | None:
    """Why JSON Schema cannot state the rule this problem names, or None when it could."""
    field = problem.get("field")
    message = str(problem.get("message", ""))
    for rule_operation, want, pattern, why in RULES:
        if rule_operation is not None and rule_operation != operation:
            continue
        if want == "@file":
            if "file" in problem and "entry" not in problem:
                return why
            continue
        if (want is None or want == field) and re.search(pattern, message):
            return why
    return None


def _note(case, why: str) -> None:
    """Appends why a failure was not counted to TRELLIS_FUZZ_DROPPED_LOG, when set (for tallies)."""
    path = os.environ.get("TRELLIS_FUZZ_DROPPED_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{case.operation.label}\t{why}\n")


def _breaks_a_pattern(case) -> bool:
    """Whether a value the case sends misses its parameter's documented pattern.

    The coverage phase fills an optional header it does not aim at with `0`
    whatever its pattern, and calls the case positive; such a case is not
    schema-valid, so its rejection says nothing against the document.
    """
    operation = case.operation
    sent = {"header": case.headers or {}, "query": case.query or {}, "path": case.path_parameters or {}}
    for parameter in operation.definition.raw.get("parameters", []):
        location, name = parameter.get("in"), parameter.get("name")
        value = sent.get(location, {}).get(name) if location != "header" else next(
            (v for k, v in sent["header"].items() if k.lower() == str(name).lower()), None)
        pattern = (parameter.get("schema") or {}).get("pattern")
        if isinstance(value, str) and pattern and not re.search(pattern, value):
            return True
    return False


@schemathesis.hook
def filter_failure(context, failure, case, response) -> bool:
    if getattr(failure, "code", "") != "ST202":
        return True
    if _breaks_a_pattern(case):
        _note(case, "not schema-valid: a value misses its parameter's pattern")
        return False
    if response.status_code != 400:
        return True
    problems = _problems(response)
    reasons = [_explained(case.operation.label, problem) for problem in problems]
    if not problems or None in reasons:
        return True
    _note(case, "; ".join(sorted(set(reasons))))
    return False
