"""The covering e-mail to members, as an unsent draft with the appendices attached.

Written as a standard .eml file with `X-Unsent: 1`: Outlook opens it as a new message
ready to send, Thunderbird as a message to edit and send, so the officer checks it and
presses Send. No sender is named, so the mail program uses the officer's own account.
The body gives headline counts and the names of the exceptions, never figures, so no
small number can be read from it; a suppressed figure's RAG is counted as no alert, as
its cell in the workbooks shows none.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

from fscxl.compute.disclosure import without_hidden_alerts
from fscxl.compute.results import Report
from fscxl.model.records import BUSINESS_PLAN_APPENDIX, EXCEPTIONS

RAGS = ("Green", "Amber", "Red")
MIME_TYPES = {".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              ".pdf": ("application", "pdf")}


def one_line(text: str) -> str:
    """Officers' text on one line: a header must not break, and a body line reads as one."""
    return re.sub(r"\s+", " ", text or "").strip()


@dataclass(frozen=True)
class AppendixCounts:
    letter: str
    title: str
    counts: dict[str, int]  # RAG word -> how many measures have it
    without_rag: int  # measures with no RAG (context only, no target or no figure)


@dataclass(frozen=True)
class ExceptionMeasure:
    letter: str
    ref: str
    title: str
    direction: str  # "Worsening", "No change" or "" (no comparison)


def appendix_counts(report: Report) -> list[AppendixCounts]:
    """Green, Amber and Red per scorecard appendix, in letter order."""
    out = []
    for card in sorted(report.catalogue.scorecards, key=lambda c: c.appendix):
        rags = [r.current.rag for r in _public(report) if r.measure.scorecard == card.name]
        out.append(AppendixCounts(card.appendix, card.title, {rag: rags.count(rag) for rag in RAGS},
                                  sum(1 for rag in rags if rag not in RAGS)))
    return out


def _public(report: Report) -> list:
    return without_hidden_alerts(report.results, report.disclosure, report.month)


def exceptions(report: Report) -> list[ExceptionMeasure]:
    """The committee's exceptions: every Red measure that is not improving."""
    letters = {card.name: card.appendix for card in report.catalogue.scorecards}
    return sorted((ExceptionMeasure(letters.get(r.measure.scorecard, ""), r.measure.ref, r.measure.title,
                              r.direction or "")
                   for r in _public(report) if r.current.rag == "Red" and r.direction != "Improving"),
                  key=lambda e: e.letter)


def area_lines(report: Report) -> list[tuple[str, str]]:
    """(scorecard title and area, the officers' commentary on one line), areas in catalogue order."""
    lines = []
    for card in sorted(report.catalogue.scorecards, key=lambda c: c.appendix):
        areas = dict.fromkeys(r.measure.area for r in report.results_of(card.name))
        for area in areas:
            text = one_line(report.commentary.for_area(card.name, area, report.month))
            if text:
                lines.append((f"{card.title}, {area}", text))
    return lines


def subject(report: Report) -> str:
    settings = report.catalogue.report
    what = f"performance report, data to end of {report.month.label}"
    committee = one_line(settings.committee)
    return f"{committee}: {what}" if committee else what[0].upper() + what[1:]


def _business_plan_line(report: Report) -> str | None:
    if report.actions is None:
        return None
    statuses = [a.status for a in report.actions]
    counted = ", ".join(f"{statuses.count(s)} {s.lower()}" for s in EXCEPTIONS)
    return f"Appendix {BUSINESS_PLAN_APPENDIX}, business plan: {len(statuses)} actions, {counted}"


def count_line(appendix: AppendixCounts) -> str:
    """'Appendix C, Children's scorecard: 2 Green, 3 Amber, 1 Red' (and those without a RAG)."""
    counts = ", ".join(f"{appendix.counts[rag]} {rag}" for rag in RAGS)
    extra = f" ({appendix.without_rag} without a RAG alert)" if appendix.without_rag else ""
    return f"Appendix {appendix.letter}, {one_line(appendix.title)}: {counts}{extra}"


def _exception_line(item: ExceptionMeasure) -> str:
    how = item.direction.lower() if item.direction else "no earlier figure to compare"
    return f"Appendix {item.letter}, {item.ref} {one_line(item.title)}: Red, {how}"


def _opening(report: Report) -> str:
    settings = report.catalogue.report
    text = f"Please find attached the performance report with data to the end of {report.month.label}"
    if settings.committee:
        text += f" for the {one_line(settings.committee)}"
    if settings.meeting_date:
        text += f" meeting on {settings.meeting_date.day} {settings.meeting_date:%B %Y}"
    return text + f". Status: {one_line(settings.status) or 'Draft'}."


def _contacts(report: Report) -> list[str]:
    return ["; ".join(p for p in (c.name, c.title, c.phone, c.email) if p)
            for c in report.catalogue.report.contacts]


def plain_body(report: Report, attachments: list[str]) -> str:
    lines = ["Dear members,", "", _opening(report), "", "Measures by RAG alert:"]
    plan = _business_plan_line(report)  # Appendix A comes first
    if plan:
        lines.append(f"- {plan}")
    lines += [f"- {count_line(a)}" for a in appendix_counts(report)]
    found = exceptions(report)
    lines += ["", "Exceptions (Red and not improving):"]
    lines += [f"- {_exception_line(e)}" for e in found] or ["- None this month."]
    areas = area_lines(report)
    if areas:
        lines += ["", "Officers' commentary by area:"]
        lines += [f"- {where}: {text}" for where, text in areas]
    lines += ["", "Attached:"] + [f"- {name}" for name in attachments]
    note = one_line(report.catalogue.report.source_note)
    if note:
        lines += ["", note]
    contacts = _contacts(report)
    if contacts:
        lines += ["", "Contact:"] + contacts
    return "\n".join(lines) + "\n"


def html_body(report: Report, attachments: list[str]) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>Appendix {e(a.letter)}, {e(one_line(a.title))}</td>"
        + "".join(f'<td style="text-align:right">{a.counts[rag]}</td>' for rag in RAGS)
        + f'<td style="text-align:right">{a.without_rag}</td></tr>'
        for a in appendix_counts(report))
    cell = 'style="border-bottom:1px solid #999;padding:2px 8px;text-align:left"'
    parts = [f"<p>Dear members,</p><p>{e(_opening(report))}</p>", "<p><b>Measures by RAG alert</b></p>"]
    plan = _business_plan_line(report)
    if plan:
        parts.append(f"<p>{e(plan)}</p>")
    parts += ["<table style=\"border-collapse:collapse\"><tr>"
             + "".join(f"<th {cell}>{h}</th>" for h in ("Appendix", *RAGS, "No RAG")) + f"</tr>{rows}</table>"]
    found = exceptions(report)
    parts.append("<p><b>Exceptions (Red and not improving)</b></p>")
    parts.append("<ul>" + "".join(f"<li>{e(_exception_line(x))}</li>" for x in found) + "</ul>" if found
                 else "<p>None this month.</p>")
    areas = area_lines(report)
    if areas:
        parts.append("<p><b>Officers' commentary by area</b></p><ul>"
                     + "".join(f"<li><i>{e(where)}</i>: {e(text)}</li>" for where, text in areas) + "</ul>")
    parts.append("<p><b>Attached</b></p><ul>" + "".join(f"<li>{e(n)}</li>" for n in attachments) + "</ul>")
    note = one_line(report.catalogue.report.source_note)
    if note:
        parts.append(f"<p>{e(note)}</p>")
    contacts = _contacts(report)
    if contacts:
        parts.append("<p>Contact:<br>" + "<br>".join(e(c) for c in contacts) + "</p>")
    return ('<html><body style="font-family:Arial,sans-serif;font-size:11pt">'
            + "\n".join(parts) + "</body></html>\n")


def draft(report: Report, attachments: list[Path]) -> EmailMessage:
    """The unsent message: recipients from the Report sheet (none: an empty To), body, attachments."""
    settings = report.catalogue.report
    message = EmailMessage(policy=policy.SMTP)
    message["X-Unsent"] = "1"
    message["To"] = ", ".join(one_line(a) for a in settings.email_to if one_line(a))
    if settings.email_cc:
        message["Cc"] = ", ".join(one_line(a) for a in settings.email_cc if one_line(a))
    message["Subject"] = subject(report)
    names = [path.name for path in attachments]
    message.set_content(plain_body(report, names))
    message.add_alternative(html_body(report, names), subtype="html")
    for path in attachments:
        maintype, subtype = MIME_TYPES.get(path.suffix.lower(), ("application", "octet-stream"))
        message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)
    return message


def write_email_draft(report: Report, path: Path, attachments: list[Path]) -> None:
    path.write_bytes(draft(report, attachments).as_bytes())
