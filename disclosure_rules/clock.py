"""The request clock: fold a case's events over the rules in force.

``evaluate(case, as_of=None)`` is a pure function of (rules, calendar, case):

* the date of receipt is fixed by channel (Art. 31) and chooses the rule
  version in force on that day (2008 or 2019 Regulations);
* the reply period counts from it: a period of N working days from D ends on
  the N-th working day strictly after D (parameter ``start_day_counts``);
* events then start, restart, pause, resume, suspend, extend, set or close
  the clock as their rule says (``rules/*/events.yaml``);
* violations are checked at each event with the conditions in
  ``violations.yaml``; a violation with ``voids_effect`` leaves the clock as
  the law says (a late extension does not move the due date).

Impossible input raises :class:`CaseError`; a day the calendar does not
cover raises :class:`CalendarCoverageError`.
"""

from __future__ import annotations

import datetime as dt
from string import Formatter

from .calendar import Calendar
from .calendar import load_calendar
from .case import Case, Event, parse_case
from .conditions import fired
from .errors import CaseError, UnknownNameError
from .provisional import bounded
from .outcomes import unknown_answer
from .result import Result, Step, Violation
from .rulebook import FACTS, RuleBook, load_rules

# same-day events are taken in this order, so the order they are listed in never matters
PRIORITY = {t: i for i, t in enumerate((
    "correction_requested", "correction_received", "consultation_sent", "consultation_answered",
    "extension_notified", "fee_notice_received", "fee_paid", "delay_notified", "answered", "withdrawn"))}

_ONE = dt.timedelta(days=1)


def evaluate(case, as_of: dt.date | None = None, *, rules: RuleBook | None = None,
             calendar: Calendar | None = None, estimate_until: int | None = None, extra_keys: str = "reject") -> Result:
    """Evaluate a case (a :class:`Case` or a dict) as of a date.

    ``as_of`` (default: the last event, or the date of receipt): events after
    it are ignored and the status is the one on that day.  ``rules``: a
    :class:`RuleBook` (default: the bundled rule files).  ``calendar``: a
    :class:`Calendar` (default: the case's ``calendar``, loaded with
    ``estimate_until`` when given, in which case results touching estimated
    years are marked provisional).  ``extra_keys``: as for :func:`parse_case`.
    """
    case = parse_case(case, extra_keys=extra_keys, rules=rules)
    book = rules if rules is not None else load_rules()
    if calendar is None:
        calendar = _case_calendar(case, estimate_until)
    return _run(book, calendar, case, as_of)


def _run(book, calendar, case, as_of) -> Result:
    """One evaluation; on an estimated calendar, three combined (:mod:`.provisional`)."""
    return bounded(lambda cal: _Clock(book, cal, case, as_of).run(), calendar)


def _case_calendar(case: Case, estimate_until):
    try:
        return load_calendar(case.calendar, estimate_until=estimate_until)
    except UnknownNameError as exc:
        raise CaseError(f"case {case.id}: {exc.message}", f"案件{case.id}：{exc.message_zh}") from None


def evaluate_many(cases, as_of: dt.date | None = None, *, rules: RuleBook | None = None,
                  calendars: dict | None = None, estimate_until: int | None = None, errors: str = "raise"):
    """Evaluate many cases with one rule book and one calendar per calendar id.

    ``errors="raise"`` stops at the first bad case; ``errors="collect"``
    returns the exception in that case's place instead.
    """
    book = rules if rules is not None else load_rules()
    cals = dict(calendars or {})
    out = []
    for c in cases:
        try:
            c = parse_case(c, rules=book)
            cal = cals.get(c.calendar)
            if cal is None:
                cal = cals[c.calendar] = _case_calendar(c, estimate_until)
            out.append(_run(book, cal, c, as_of))
        except Exception as exc:          # noqa: BLE001 - re-raised unless collecting
            from .errors import DisclosureRulesError
            if errors != "collect" or not isinstance(exc, DisclosureRulesError):
                raise
            out.append(exc)
    return out


class _Consultation:
    __slots__ = ("party", "sent", "limit", "answered", "rule", "event")

    def __init__(self, party, sent, limit, rule, event):
        self.party, self.sent, self.limit, self.rule, self.event = party, sent, limit, rule, event
        self.answered = None

    def end(self, t: dt.date) -> dt.date:
        """Last excluded day as known on day t: the answer, the limit, or t."""
        e = self.answered if self.answered is not None else t
        return min(e, self.limit) if self.limit is not None else e



class _Clock:
    def __init__(self, book: RuleBook, cal: Calendar, case: Case, as_of):
        self.book, self.cal, self.case = book, cal, case
        self.as_of_given = as_of
        self.trace: list[Step] = []
        self.violations: list[Violation] = []
        self.applicant_due = None

    # ------------------------------------------------------------------ receipt
    def _receipt(self):
        case = self.case
        ch_name = case.receipt.channel
        for main in self.book.national:
            ch = main.channels.get(ch_name)
            if ch is None:
                known = ", ".join(sorted(main.channels))
                raise CaseError(f"case {case.id}: unknown channel '{ch_name}' (use one of {known})",
                                f"案件{case.id}：未知的提交渠道“{ch_name}”（可用：{known}）")
            try:
                rules = self.book.rules(main.id, case.local)
            except UnknownNameError as exc:
                loc = self.book.rulesets.get(case.local)
                if loc is not None and loc.kind == "local":
                    rules = self.book.rules(main.id)         # a local layer of another version: checked below
                else:
                    raise CaseError(f"case {case.id}: {exc.message}", f"案件{case.id}：{exc.message_zh}") from None
            for f in ch.requires:
                if f not in case.receipt.dates:
                    cite = ch.basis[0].cite("en")
                    raise CaseError(f"case {case.id}: a request by {ch.title.en} needs the '{f}' date ({cite})",
                                    f"案件{case.id}：以{ch.title.zh}方式提交的申请需要写明{f}日期（{ch.basis[0].cite('zh')}）")
            dates = case.receipt.dates
            received = dates[ch.date_of_receipt]
            for f, d in dates.items():
                if f != ch.date_of_receipt and d > received and f in ch.requires:
                    raise CaseError(f"case {case.id}: receipt {ch.date_of_receipt} {received} is before {f} {d}",
                                    f"案件{case.id}：{ch.date_of_receipt}日期{received}早于{f}日期{d}")
            late_days = 0
            if ch.confirm_on_day_of and ch.confirm_on_day_of in dates:
                late_days = (received - dates[ch.confirm_on_day_of]).days
                if late_days > 0 and rules.param("late_confirmation") == "arrival":
                    received = dates[ch.confirm_on_day_of]
            if main.in_force(received):
                if rules.local is None and case.local is not None:
                    loc = self.book.get(case.local)
                    raise CaseError(
                        f"case {case.id}: the local rules {loc.id} apply to requests under {loc.extends}, "
                        f"but this request (received {received}) is governed by {main.id}",
                        f"案件{case.id}：地方规则{loc.id}适用于{loc.extends}，而本申请（{received}收到）适用{main.id}")
                return rules, ch, received, late_days
        first = min(r.effective_from for r in self.book.national)
        raise CaseError(f"case {case.id}: received {received}, before the first rules in force ({first})",
                        f"案件{case.id}：{received}收到，早于最早施行的规则（{first}）")

    # ------------------------------------------------------------------ helpers
    def _add(self, d: dt.date, n: int) -> dt.date:
        """End of a period of n working days from d (the convention start_day_counts)."""
        if self.rules.param("start_day_counts") and self.cal.is_workday(d):
            return self.cal.add(d, n - 1) if n > 1 else d
        return self.cal.add(d, n)

    def _excluded_intervals(self, t: dt.date):
        """Merged (sent, end] intervals of the consultations as known on day t."""
        spans = sorted((c.sent, c.end(t)) for c in self.consultations
                       if c.rule.effect == "pause" and c.end(t) > c.sent)
        merged = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged

    def _due(self, t: dt.date, intervals=None) -> dt.date | None:
        """The due date in force as known on day t (None while suspended)."""
        if self.suspended is not None:
            return None
        if self.fixed_due is not None:
            return self.fixed_due
        n = self.n + self.ext
        intervals = self._excluded_intervals(t) if intervals is None else intervals
        start, cal = self.start, self.cal
        due = self._add(start, n)
        while True:
            x = 0
            for a, b in intervals:
                lo, hi = max(a, start), min(b, due)
                if hi > lo:
                    x += cal.count(lo, hi)
            new = self._add(start, n + x)
            if new == due:
                return due
            due = new

    def _excluded_workdays(self, t: dt.date) -> int:
        x = 0
        for a, b in self._excluded_intervals(t):
            lo = max(a, self.start)
            if b > lo:
                x += self.cal.count(lo, b)
        return x

    def _step(self, ev: Event | None, date, kind, en, zh, basis, due=None, note=None):
        self.trace.append(Step(date=date, event=kind, effect=note or "", due=due,
                               applicant_due=self.applicant_due, basis=tuple(dict.fromkeys(basis)),
                               text_en=en, text_zh=zh))

    def _check(self, event_type: str, date: dt.date, facts: dict) -> bool:
        """Record the violations that fire for this event; True when one voids its effect."""
        candidates = [v for v in self.rules.violations if v.event == event_type]
        if not candidates:
            return False
        full = {name: 0 for name, kind in FACTS.items() if kind == "numeric"}
        full["extension_must_precede_due"] = bool(self.rules.parameters.get("extension_must_precede_due").value) \
            if "extension_must_precede_due" in self.rules.parameters else True
        full.update(facts)
        full["prior_correction_notices_plus_one"] = full["prior_correction_notices"] + 1
        voided = False
        fmt = dict(full)
        fmt.update({f"period_{k}": p.workdays for k, p in self.rules.periods.items()})
        by_code = {v.code: v for v in candidates}
        for code in fired(candidates, full):
            v = by_code[code]
            self.violations.append(Violation(code=code, date=date, event=event_type, title_en=v.title.en,
                                             title_zh=v.title.zh, message_en=_fill(v.message.en, fmt),
                                             message_zh=_fill(v.message.zh, fmt), basis=v.basis,
                                             voids_effect=v.voids_effect, source=v.source))
            voided = voided or v.voids_effect
        return voided

    # ------------------------------------------------------------------ the fold
    def run(self) -> Result:
        self.rules, channel, received, late_days = self._receipt()
        rules, cal, case = self.rules, self.cal, self.case
        if rules.param("rest_day_receipt") == "next_workday" and not cal.is_workday(received):
            deemed = cal.next_workday(received)
            self._step(None, received, "receipt", f"received on a rest day: deemed received on {deemed}",
                       f"休息日收到，视为{deemed}收到", rules.parameters["rest_day_receipt"].basis)
            received = deemed
        self.received = received
        self.start = received
        reply = rules.period("reply")
        self.n, self.ext, self.fixed_due = reply.workdays, 0, None
        self.suspended = None          # (kind, event rule, since)
        self.applicant_due = None
        self.consultations: list[_Consultation] = []
        self.closed = None             # (status, date, outcome)
        self.corrections = 0
        self.remaining_at_fee = None
        self.outcome = None
        self.outcome_reason = None
        events = sorted(case.events, key=lambda e: e.sort_key(PRIORITY))
        last = max([received] + [e.date for e in events])
        as_of = self.as_of_given or last
        if as_of < received:
            raise CaseError(f"case {case.id}: as of {as_of} the request had not been received yet (received {received})",
                            f"案件{case.id}：截至{as_of}尚未收到申请（收到申请之日为{received}）")
        self.as_of = as_of
        due0 = self._due(received)
        self._step(None, received, "receipt",
                   f"request received ({channel.title.en}); the reply period of {reply.workdays} working days starts "
                   f"({rules.main.id})",
                   f"以{channel.title.zh}方式收到申请，{reply.workdays}个工作日的答复期限开始计算（{rules.main.id}）",
                   channel.basis + reply.basis, due=due0, note="start")
        self._check("receipt", received, {"days_confirmation_late": late_days})
        for ev in events:
            if ev.date > as_of:
                continue
            if ev.date < received:
                raise CaseError(f"case {case.id}: event {ev.index + 1} ({ev.type}, {ev.date}) is before the date of "
                                f"receipt {received}", f"案件{case.id}：第{ev.index + 1}个事件（{ev.type}，{ev.date}）"
                                f"早于收到申请之日{received}", event=ev.index)
            rule = rules.events.get(ev.type)
            if rule is None:
                if any(ev.type in r.events for r in self.book.rulesets.values()):
                    why_en = f"it is not part of the rules that govern this request ({', '.join(rules.versions)})"
                    why_zh = f"不属于本申请适用的规则（{'、'.join(rules.versions)}）"
                    sup = next((r for r in self.book.rulesets.values() if ev.type in r.events), None)
                    if sup is not None and sup.kind == "supplement" and rules.main.id in sup.supplements:
                        why_en = f"{sup.instrument} applies from {sup.effective_from}"
                        why_zh = f"{sup.instrument}自{sup.effective_from}起施行"
                else:
                    known = ", ".join(sorted(rules.events))
                    why_en, why_zh = f"unknown event type (use one of {known})", f"未知的事件类型（可用：{known}）"
                raise CaseError(f"case {case.id}: event {ev.index + 1} ({ev.type}): {why_en}",
                                f"案件{case.id}：第{ev.index + 1}个事件（{ev.type}）：{why_zh}", event=ev.index)
            sup = rules.supplement_for(ev.type)
            if sup is not None and rule.source == sup.id and not sup.in_force(ev.date):
                raise CaseError(f"case {case.id}: event {ev.index + 1} ({ev.type}, {ev.date}): {sup.instrument} "
                                f"applies from {sup.effective_from}",
                                f"案件{case.id}：第{ev.index + 1}个事件（{ev.type}，{ev.date}）：{sup.instrument}"
                                f"自{sup.effective_from}起施行", event=ev.index)
            self._advance(ev.date)
            if self.closed is not None:
                self._after_close(ev, rule)
                continue
            getattr(self, "_on_" + rule.effect)(ev, rule)
        self._advance(as_of)
        return self._result(as_of)

    def _advance(self, t: dt.date):
        """Let the applicant's period lapse if it ended before day t."""
        if self.suspended is not None and self.applicant_due is not None and self.applicant_due < t \
                and self.closed is None:
            rule = self.suspended[1]
            day = self.applicant_due + _ONE
            self.closed = (rule.expiry_status, day, rule.expiry_outcome)
            self.outcome = rule.expiry_outcome
            what_en = "correct the request" if rule.applicant == "correction" else "pay the fee"
            what_zh = "补正" if rule.applicant == "correction" else "缴费"
            self._step(None, day, "applicant_period_expired",
                       f"the applicant did not {what_en} by {self.applicant_due}: the request is deemed abandoned",
                       f"申请人未在{self.applicant_due}前{what_zh}，视为放弃申请，不再处理", rule.basis, due=None,
                       note="close")

    def _after_close(self, ev: Event, rule):
        status, day, _ = self.closed
        if status == "abandoned" and ev.get("justified") and rule.effect == "restart" \
                and self.suspended is not None and rule.answers == self.suspended[1].type:
            # a late correction or payment with a good reason (正当理由) reopens the request
            self.closed, self.outcome = None, None
            self._step(ev, ev.date, ev.type, "accepted after the applicant's period with a good reason",
                       "申请人有正当理由，逾期后仍予受理", rule.basis, note="reopen")
            getattr(self, "_on_" + rule.effect)(ev, rule)
            return
        if status == "abandoned":
            self._step(ev, ev.date, ev.type,
                       f"{rule.title.en} after the request was deemed abandoned on {day}: no effect "
                       "(give justified: true if there was a good reason)",
                       f"{rule.title.zh}发生在申请被视为放弃（{day}）之后，不产生效果（如有正当理由请注明justified: true）",
                       rule.basis, note="ignored")
            return
        raise CaseError(f"case {self.case.id}: event {ev.index + 1} ({ev.type}, {ev.date}) comes after the case was "
                        f"closed ({status} on {day})",
                        f"案件{self.case.id}：第{ev.index + 1}个事件（{ev.type}，{ev.date}）发生在案件办结（{day}）之后",
                        event=ev.index)

    def _facts(self, t: dt.date, due: dt.date | None) -> dict:
        """The facts violations are checked on at day t, given the due date in force then."""
        past = self.cal.count(due, t) if due is not None and t > due else 0
        return {"workdays_since_receipt": self.cal.count(self.received, t), "workdays_past_due": past,
                "prior_correction_notices": self.corrections}

    def _int_field(self, ev: Event, key: str, minimum: int = 1) -> int:
        v = ev.get(key)
        if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
            raise CaseError(f"case {self.case.id}: event {ev.index + 1} ({ev.type}) needs '{key}', a whole number "
                            f"of at least {minimum}",
                            f"案件{self.case.id}：第{ev.index + 1}个事件（{ev.type}）需要{key}（不小于{minimum}的整数）",
                            event=ev.index)
        return v

    # ------------------------------------------------------------------ effects
    def _on_suspend(self, ev: Event, rule):
        due = self._due(ev.date)
        if self._check(ev.type, ev.date, self._facts(ev.date, due)):
            self._step(ev, ev.date, ev.type, f"{rule.title.en}: unlawful, the clock is not stopped",
                       f"{rule.title.zh}：不合法，答复期限不中止", rule.basis, due=due, note="no effect")
            if rule.applicant == "correction":
                self.corrections += 1
            return
        if rule.applicant == "correction":
            self.corrections += 1
        if rule.applicant == "payment":
            used = self.cal.count(self.start, ev.date) - self._excluded_workdays(ev.date)
            self.remaining_at_fee = max(1, self.n + self.ext - used) if due is not None else None
        n = None
        basis = list(rule.basis)
        if rule.applicant_field and ev.get(rule.applicant_field) is not None:
            n = self._int_field(ev, rule.applicant_field)
        elif rule.applicant_parameter and self.rules.param(rule.applicant_parameter) is not None:
            p = self.rules.parameters[rule.applicant_parameter]
            n = p.value
            basis += list(p.basis)
        elif rule.applicant_period:
            p = self.rules.period(rule.applicant_period)
            n = p.workdays
            basis += list(p.basis)
        start = ev.get("received") or ev.date
        self.applicant_due = self.cal.add(start, n) if n else None
        self.suspended = ("correction" if rule.applicant == "correction" else "payment", rule, ev.date)
        if n:
            en = f"{rule.title.en}: the agency's clock stops; the applicant has {n} working days, until {self.applicant_due}"
            zh = f"{rule.title.zh}：答复期限中止；申请人须在{n}个工作日内（{self.applicant_due}前）办理"
        else:
            en = f"{rule.title.en}: the agency's clock stops; no period was stated for the applicant"
            zh = f"{rule.title.zh}：答复期限中止；未载明申请人的期限"
        self._step(ev, ev.date, ev.type, en, zh, basis, due=None, note="suspend")

    def _on_restart(self, ev: Event, rule):
        susp = self.suspended
        if susp is None or susp[1].type != rule.answers:
            voided = [v for v in self.violations if v.event == rule.answers and v.voids_effect]
            if voided:
                self._step(ev, ev.date, ev.type, f"{rule.title.en}: answers an unlawful notice, no effect on the clock",
                           f"{rule.title.zh}：所回应的通知不合法，对答复期限没有影响", rule.basis,
                           due=self._due(ev.date), note="no effect")
                return
            ans = self.rules.events[rule.answers].title
            raise CaseError(f"case {self.case.id}: event {ev.index + 1} ({ev.type}, {ev.date}) has no "
                            f"'{rule.answers}' ({ans.en}) before it",
                            f"案件{self.case.id}：第{ev.index + 1}个事件（{ev.type}，{ev.date}）之前没有{ans.zh}",
                            event=ev.index)
        mode = self.rules.param(rule.parameter) if rule.parameter else "restart"
        period = self.rules.period(rule.period)
        self.suspended, self.applicant_due = None, None
        self.start, self.fixed_due = ev.date, None
        basis = list(rule.basis)
        if mode == "resume" and self.remaining_at_fee is not None:
            self.n, self.ext = self.remaining_at_fee, 0
            basis += list(self.rules.parameters[rule.parameter].basis)
            en = f"{rule.title.en}: the clock resumes with the {self.n} working days that were left"
            zh = f"{rule.title.zh}：答复期限继续计算，剩余{self.n}个工作日"
        else:
            self.n, self.ext = period.workdays, 0
            basis += list(period.basis)
            en = f"{rule.title.en}: a new period of {self.n} working days starts"
            zh = f"{rule.title.zh}：重新计算{self.n}个工作日的答复期限"
        self._step(ev, ev.date, ev.type, en, zh, basis, due=self._due(ev.date), note="restart")

    def _on_pause(self, ev: Event, rule):
        party = ev.get("party")
        pr = rule.parties.get(party) if isinstance(party, str) else None
        if pr is None:
            known = ", ".join(sorted(rule.parties))
            raise CaseError(f"case {self.case.id}: event {ev.index + 1} ({ev.type}) needs 'party' (one of {known})",
                            f"案件{self.case.id}：第{ev.index + 1}个事件（{ev.type}）需要写明party（{known}之一）",
                            event=ev.index)
        due = self._due(ev.date)
        self._check(ev.type, ev.date, self._facts(ev.date, due))
        if pr.effect == "record":
            self._step(ev, ev.date, ev.type, f"{rule.title.en} ({party}): recorded; this time is not excluded",
                       f"{rule.title.zh}（{party}）：已记录；该时间不扣除", pr.basis, due=due, note="record")
            self.consultations.append(_Consultation(party, ev.date, None, pr, ev))
            return
        limit = None
        basis = list(rule.basis) + list(pr.basis)
        if pr.period is not None and self.rules.param("consultation_bound") == "until_answer_or_limit":
            p = self.rules.period(pr.period)
            limit = self.cal.add(ev.get("received") or ev.date, p.workdays)
            basis += list(p.basis)
        self.consultations.append(_Consultation(party, ev.date, limit, pr, ev))
        en = f"{rule.title.en} ({party}): the clock pauses" + (f" until the answer, at most until {limit}" if limit else
                                                              " until the answer")
        zh = f"{rule.title.zh}（{party}）：答复期限暂停计算" + (f"，至收到意见时止，最迟至{limit}" if limit else "，至收到意见时止")
        self._step(ev, ev.date, ev.type, en, zh, basis, due=None, note="pause")

    def _on_resume(self, ev: Event, rule):
        party = ev.get("party")
        match = next((c for c in self.consultations if c.party == party and c.answered is None), None)
        if match is None:
            raise CaseError(f"case {self.case.id}: event {ev.index + 1} ({ev.type}, {ev.date}): no open consultation "
                            f"of party '{party}' before it",
                            f"案件{self.case.id}：第{ev.index + 1}个事件（{ev.type}，{ev.date}）之前没有向party“{party}”征求意见",
                            event=ev.index)
        match.answered = ev.date
        if match.rule.effect == "record":
            self._step(ev, ev.date, ev.type, f"{rule.title.en} ({party}): recorded; no time was excluded",
                       f"{rule.title.zh}（{party}）：已记录；未扣除时间", match.rule.basis, due=self._due(ev.date),
                       note="record")
            return
        excluded = self.cal.count(match.sent, match.end(ev.date))
        due = self._due(ev.date)
        if match.limit is not None and ev.date > match.limit:
            en = (f"{rule.title.en} ({party}) after the consultee's limit of {match.limit}: {excluded} working days "
                  "excluded")
            zh = f"{rule.title.zh}（{party}），晚于对方期限{match.limit}：扣除{excluded}个工作日"
        else:
            en = f"{rule.title.en} ({party}): the clock resumes; {excluded} working days excluded"
            zh = f"{rule.title.zh}（{party}）：答复期限恢复计算；扣除{excluded}个工作日"
        self._step(ev, ev.date, ev.type, en, zh, rule.basis, due=due, note="resume")

    def _on_extend(self, ev: Event, rule):
        k = self._int_field(ev, "workdays")
        cap = self.rules.period(rule.cap)
        due = self._due(ev.date)
        facts = self._facts(ev.date, due)
        facts.update(extension_total=self.ext + k, extension_cap=cap.workdays)
        if self._check(ev.type, ev.date, facts):
            self._step(ev, ev.date, ev.type, f"{rule.title.en} ({k} working days): no effect, the due date stays",
                       f"{rule.title.zh}（{k}个工作日）：不发生效力，答复期限不变", rule.basis, due=due, note="no effect")
            return
        granted = max(0, min(k, cap.workdays - self.ext))
        self.ext += granted
        en = f"{rule.title.en}: +{granted} working days" + (f" (of {k} asked; the cap is {cap.workdays})"
                                                             if granted != k else "")
        zh = f"{rule.title.zh}：延长{granted}个工作日" + (f"（告知{k}个，上限{cap.workdays}个）" if granted != k else "")
        self._step(ev, ev.date, ev.type, en, zh, rule.basis + cap.basis, due=self._due(ev.date), note="extend")

    def _on_set(self, ev: Event, rule):
        due = ev.get("due")
        if not isinstance(due, dt.date) or due < ev.date:
            raise CaseError(f"case {self.case.id}: event {ev.index + 1} ({ev.type}) needs 'due', a date on or after "
                            f"{ev.date}", f"案件{self.case.id}：第{ev.index + 1}个事件（{ev.type}）需要写明不早于{ev.date}的due日期",
                            event=ev.index)
        in_force = self._due(ev.date)
        if self._check(ev.type, ev.date, self._facts(ev.date, in_force)):
            self._step(ev, ev.date, ev.type, f"{rule.title.en}: no effect, the due date stays",
                       f"{rule.title.zh}：不发生效力，答复期限不变", rule.basis, due=in_force, note="no effect")
            return
        self.fixed_due = due
        self._step(ev, ev.date, ev.type,
                   f"{rule.title.en}: the agency fixed {due} (no statutory maximum: its reasonableness can be reviewed)",
                   f"{rule.title.zh}：行政机关确定{due}前答复（条例未规定上限，其合理性可受审查）", rule.basis,
                   due=due, note="set")

    def _on_close(self, ev: Event, rule):
        due = self._due(ev.date)
        facts = self._facts(ev.date, due)
        if rule.status == "answered" and ev.get("outcome") is not None:
            self._check_outcome(ev)
        self._check(ev.type, ev.date, facts)
        self.closed = (rule.status, ev.date, ev.get("outcome"))
        self.closing_due = due
        if rule.status == "answered":
            self.outcome = None if ev.get("outcome") is None else str(ev.get("outcome"))
            self.outcome_reason = ev.get("reason")
        elif rule.status == "withdrawn":
            self.outcome = "withdrawn"
        self._step(ev, ev.date, ev.type, rule.title.en + (f" ({ev.get('outcome')})" if ev.get("outcome") else ""),
                   rule.title.zh + (f"（{ev.get('outcome')}）" if ev.get("outcome") else ""), rule.basis, due=due,
                   note="close")

    def _check_outcome(self, ev: Event):
        """The answer's outcome must be one of the version's outcomes (with a reason where the report needs one)."""
        cat = self.rules.main.outcomes
        if cat is None:
            return
        code = str(ev.get("outcome"))
        if code not in cat.outcomes:
            en, zh = unknown_answer(code, cat, [r.outcomes for r in self.book.rulesets.values() if r.outcomes])
            raise CaseError(f"case {self.case.id}: event {ev.index + 1} (answered): {en}",
                            f"案件{self.case.id}：第{ev.index + 1}个事件（答复）：{zh}", event=ev.index)
        o = cat.outcomes[code]
        reason = ev.get("reason")
        if (o.by_reason or reason is not None) and (not isinstance(reason, str) or reason not in cat.reasons):
            known = ", ".join(cat.reasons)
            raise CaseError(f"case {self.case.id}: event {ev.index + 1} (answered, {code}): give the reason "
                            f"(one of {known})", f"案件{self.case.id}：第{ev.index + 1}个事件（答复{code}）：请写明理由"
                            f"（{known}之一）", event=ev.index)

    def _on_record(self, ev: Event, rule):
        self._step(ev, ev.date, ev.type, f"{rule.title.en}: recorded", f"{rule.title.zh}：已记录", rule.basis,
                   due=self._due(ev.date), note="record")

    # ------------------------------------------------------------------ result
    def _result(self, as_of: dt.date) -> Result:
        cal = self.cal
        due = due_at_latest = None
        workdays_left = late = None
        closed_on = None
        if self.closed is not None:
            status, closed_on, _ = self.closed
            if status != "abandoned":
                due = getattr(self, "closing_due", None)
                if status == "answered" and due is not None and closed_on > due:
                    late = cal.count(due, closed_on)
        elif self.suspended is not None:
            status = "awaiting_correction" if self.suspended[0] == "correction" else "awaiting_payment"
        else:
            open_now = [c for c in self.consultations if c.answered is None and (c.limit is None or c.limit >= as_of)
                        and c.rule.effect == "pause"]
            if open_now and self._due(as_of) < as_of:
                open_now = []            # consulted after the period had run out: nothing left to pause
            if open_now:
                status = "paused"
                if all(c.limit is not None for c in open_now):
                    saved = [(c, c.answered) for c in open_now]
                    for c in open_now:
                        c.answered = c.limit
                    due_at_latest = self._due(max(c.limit for c in open_now))
                    for c, a in saved:
                        c.answered = a
            else:
                due = self._due(as_of)
                if as_of > due:
                    status = "overdue"
                    late = cal.count(due, as_of)
                    self._check("as_of", as_of, {"workdays_past_due": late})
                else:
                    status = "running"
                    workdays_left = cal.count(as_of, due)
        report_row = None
        cat = self.rules.main.outcomes
        if self.outcome is not None and cat is not None and self.outcome in cat.codes():
            o = cat.get(self.outcome)
            if not o.by_reason or self.outcome_reason in cat.reasons:
                report_row = cat.report_row(self.outcome, self.outcome_reason)
        dates = [d for d in (due, due_at_latest, self.applicant_due, as_of) if d is not None]
        provisional = any(cal.is_estimated(d) for d in dates)
        return Result(
            id=self.case.id, received=self.received, channel=self.case.receipt.channel,
            rules_version=self.rules.main.id, rules_applied=tuple(self.rules.versions), local=self.case.local,
            calendar=cal.id, as_of=as_of, status=status, due=due, due_at_latest=due_at_latest,
            workdays_left=workdays_left, late_workdays=late,
            applicant_due=self.applicant_due if (self.suspended is not None) else None,
            period_start=self.start, period_workdays=self.n, extension_workdays=self.ext,
            excluded_workdays=self._excluded_workdays(as_of) if self.closed is None else None,
            closed_on=closed_on, outcome=self.outcome, outcome_reason=self.outcome_reason, report_row=report_row,
            applicant=self.case.applicant,
            violations=tuple(self.violations), trace=tuple(self.trace), provisional=provisional,
            provenance={"rules": {r: self.book.rulesets[r].digest for r in self.rules.versions},
                        "rules_digest": self.book.digest,
                        "calendar": {"id": cal.id, "layers": list(cal.layers), "data_version": cal.data_version,
                                     "official_last_day": cal.official_last_day.isoformat(),
                                     "notices": len(cal.notices)}})



def _fill(template: str, values: dict) -> str:
    """Fill {name} placeholders with fact values only (no attribute or index access)."""
    out = []
    for literal, field, spec, conv in Formatter().parse(template):
        out.append(literal)
        if field is not None:
            out.append(str(values.get(field, "{" + field + "}")))
    return "".join(out)
