"""The words of the trace, in Chinese and English, rendered only when read.

A trace step stores a message key and its values (:class:`Said`); the text
is built from the catalogue below when ``Step.text_en`` / ``text_zh`` is
read or the result is turned into JSON, never while the clock runs.
Values that are bilingual (a rule's title, a channel's name) are shown in the
language asked for.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

import attrs

# a key of MESSAGES and the values its text needs
Message: TypeAlias = tuple[str, dict[str, object]]

# key -> (English, Chinese)
MESSAGES: dict[str, tuple[str, str]] = {
    "receipt.rest_day": ("received on a rest day: deemed received on {deemed}", "休息日收到，视为{deemed}收到"),
    "receipt.start": ("request received ({channel}); the reply period of {n} working days starts ({version})",
                      "以{channel}方式收到申请，{n}个工作日的答复期限开始计算（{version}）"),
    "suspend.unlawful": ("{title}: unlawful, the clock is not stopped", "{title}：不合法，答复期限不中止"),
    "suspend.period": ("{title}: the agency's clock stops; the applicant has {n} working days, until {until}",
                       "{title}：答复期限中止；申请人须在{n}个工作日内（{until}前）办理"),
    "suspend.no_period": ("{title}: the agency's clock stops; no period was stated for the applicant",
                          "{title}：答复期限中止；未载明申请人的期限"),
    "restart.unlawful_notice": ("{title}: answers an unlawful notice, no effect on the clock",
                                "{title}：所回应的通知不合法，对答复期限没有影响"),
    "restart.resume": ("{title}: the clock resumes with the {n} working days that were left",
                       "{title}：答复期限继续计算，剩余{n}个工作日"),
    "restart.new": ("{title}: a new period of {n} working days starts", "{title}：重新计算{n}个工作日的答复期限"),
    "pause.record": ("{title} ({party}): recorded; this time is not excluded",
                     "{title}（{party}）：已记录；该时间不扣除"),
    "pause.limit": ("{title} ({party}): the clock pauses until the answer, at most until {limit}",
                    "{title}（{party}）：答复期限暂停计算，至收到意见时止，最迟至{limit}"),
    "pause.open": ("{title} ({party}): the clock pauses until the answer",
                   "{title}（{party}）：答复期限暂停计算，至收到意见时止"),
    "resume.record": ("{title} ({party}): recorded; no time was excluded", "{title}（{party}）：已记录；未扣除时间"),
    "resume.late": ("{title} ({party}) after the consultee's limit of {limit}: {excluded} working days excluded",
                    "{title}（{party}），晚于对方期限{limit}：扣除{excluded}个工作日"),
    "resume.ok": ("{title} ({party}): the clock resumes; {excluded} working days excluded",
                  "{title}（{party}）：答复期限恢复计算；扣除{excluded}个工作日"),
    "extend.no_effect": ("{title} ({k} working days): no effect, the due date stays",
                         "{title}（{k}个工作日）：不发生效力，答复期限不变"),
    "extend.granted": ("{title}: +{granted} working days", "{title}：延长{granted}个工作日"),
    "extend.capped": ("{title}: +{granted} working days (of {k} asked; the cap is {cap})",
                      "{title}：延长{granted}个工作日（告知{k}个，上限{cap}个）"),
    "set.no_effect": ("{title}: no effect, the due date stays", "{title}：不发生效力，答复期限不变"),
    "set.fixed": ("{title}: the agency fixed {due} (no statutory maximum: its reasonableness can be reviewed)",
                  "{title}：行政机关确定{due}前答复（条例未规定上限，其合理性可受审查）"),
    "set.not_later": ("{title}: the agency fixed {fixed}, not later than the due date in force ({due}): a delay "
                      "can only give more time, so the statutory due date stays",
                      "{title}：行政机关确定的{fixed}不晚于现行答复期限（{due}）；延迟答复只能延后期限，法定答复期限不变"),
    "close.plain": ("{title}", "{title}"),
    "close.outcome": ("{title} ({outcome})", "{title}（{outcome}）"),
    "record": ("{title}: recorded", "{title}：已记录"),
    "expired.correction": ("the applicant did not correct the request by {until}: the request is deemed abandoned",
                           "申请人未在{until}前补正，视为放弃申请，不再处理"),
    "expired.payment": ("the applicant did not pay the fee by {until}: the request is deemed abandoned",
                        "申请人未在{until}前缴费，视为放弃申请，不再处理"),
    "reopen": ("accepted after the applicant's period with a good reason", "申请人有正当理由，逾期后仍予受理"),
    "ignored": ("{title} after the request was deemed abandoned on {day}: no effect "
                "(give justified: true if there was a good reason)",
                "{title}发生在申请被视为放弃（{day}）之后，不产生效果（如有正当理由请注明justified: true）"),
}


def _shown(value: object, lang: str) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "zh") and hasattr(value, "en"):
        return str(value.zh if lang == "zh" else value.en)       # a bilingual title
    return str(value)


@attrs.frozen
class Said:
    """A trace text not yet rendered: a key of :data:`MESSAGES` and its values."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        en, zh = MESSAGES[self.key]
        return (zh if lang == "zh" else en).format_map({k: _shown(v, lang) for k, v in self.values})


def said(key: str, **values: object) -> Message:
    """A message key and its values, turned into a :class:`Said` only when a trace is kept."""
    return key, values
