"""Did-you-mean hints for names a person typed (keys, channels, event types...)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .messages import Text, message


def closest(word: object, choices: Iterable[object]) -> str | None:
    """The choice closest to ``word`` (one letter off, a swapped pair...), or None."""
    import difflib  # only when a hint is needed (start-up, issue 13)

    names = [str(c) for c in choices]
    found = difflib.get_close_matches(str(word), names, n=1, cutoff=0.6)
    return found[0] if found else None


def hint(word: object, choices: Iterable[object],
         titles: Mapping[object, tuple[str, str]] | None = None) -> Text:
    """`` (did you mean 'x'?)`` and its Chinese, or the list of the choices
    (with their titles, ``titles[code] = (zh, en)``) when nothing is close;
    ``en, zh = hint(...)`` unpacks it."""
    best = closest(word, choices)
    if best is not None:
        if titles and best in titles:
            zh, en = titles[best]
            return message("hint.did_you_mean_titled", name=best, title=Text(en, zh))
        return message("hint.did_you_mean", name=best)
    if titles:
        named = [message("hint.titled", name=c, title=Text(titles[c][1], titles[c][0])) if c in titles
                 else Text(str(c), str(c)) for c in choices]
        return message("hint.use_one_of_titled", names=Text("; ".join(t.en for t in named), "；".join(t.zh for t in named)))
    return message("hint.use_one_of", names=[str(c) for c in choices])
