"""Consultation letters and their answers (Arts. 32-34; 2008: Art. 24).

``pause``: the working days until the answer are not counted, at most the
consultee's own period when the rules bound it; ``resume``: the answer.  A
party whose rule says ``record`` is noted without excluding any time.
"""

from __future__ import annotations

from ..case import Event
from ..messages import message
from ..rulebook import EventRule
from .checks import check, facts_at
from .events import event_error
from .exclusions import Consultation
from .narration import said
from .state import ClockState


def pause(s: ClockState, ev: Event, rule: EventRule) -> None:
    party = ev.get("party")
    pr = rule.parties.get(party) if isinstance(party, str) else None
    if pr is None:
        known = ", ".join(sorted(rule.parties))
        raise event_error(s.case, ev, message("clock.error.party", known=known), dated=False)
    due = s.due(ev.date)
    check(s, ev.type, ev.date, facts_at(s, ev.date, due))
    if pr.effect == "record":
        s.say(ev, ev.date, ev.type, said("pause.record", title=rule.title, party=pr.title or party), pr.basis, due,
              "record")
        s.exclusions.add(Consultation(party, ev.date, None, pr))
        return
    limit = None
    basis = list(rule.basis) + list(pr.basis)
    if pr.period is not None and s.rules.param("consultation_bound") == "until_answer_or_limit":
        p = s.rules.period(pr.period)
        limit = s.cal.add(ev.get("received") or ev.date, p.workdays)
        basis += list(p.basis)
    s.exclusions.add(Consultation(party, ev.date, limit, pr))
    text = (said("pause.limit", title=rule.title, party=pr.title or party, limit=limit) if limit
            else said("pause.open", title=rule.title, party=pr.title or party))
    s.say(ev, ev.date, ev.type, text, basis, None, "pause")


def resume(s: ClockState, ev: Event, rule: EventRule) -> None:
    party = ev.get("party")
    match = s.exclusions.open_for(party)
    if match is None:
        raise event_error(s.case, ev, message("clock.error.no_consultation", party=str(party)))
    s.exclusions.answer(match, ev.date)
    if not match.pauses:
        s.say(ev, ev.date, ev.type, said("resume.record", title=rule.title, party=match.rule.title or party),
              match.rule.basis,
              s.due(ev.date), "record")
        return
    excluded = s.cal.count(match.sent, match.end(ev.date))
    due = s.due(ev.date)
    if match.limit is not None and ev.date > match.limit:
        text = said("resume.late", title=rule.title, party=match.rule.title or party, limit=match.limit,
                    excluded=excluded)
    else:
        text = said("resume.ok", title=rule.title, party=match.rule.title or party, excluded=excluded)
    s.say(ev, ev.date, ev.type, text, rule.basis, due, "resume")
