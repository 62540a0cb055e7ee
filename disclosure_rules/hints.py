"""Did-you-mean hints for names a person typed (keys, channels, event types...)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def closest(word: object, choices: Iterable[object]) -> str | None:
    """The choice closest to ``word`` (one letter off, a swapped pair...), or None."""
    import difflib  # only when a hint is needed (start-up, issue 13)

    names = [str(c) for c in choices]
    found = difflib.get_close_matches(str(word), names, n=1, cutoff=0.6)
    return found[0] if found else None


def hint(word: object, choices: Iterable[object],
         titles: Mapping[object, tuple[str, str]] | None = None) -> tuple[str, str]:
    """`` (did you mean 'x'?)`` and its Chinese, or the list of the choices
    (with their titles, ``titles[code] = (zh, en)``) when nothing is close."""
    best = closest(word, choices)
    if best is not None:
        zh_title = f"（{titles[best][0]}）" if titles and best in titles else ""
        en_title = f" ({titles[best][1]})" if titles and best in titles else ""
        return f" (did you mean '{best}'{en_title}?)", f"（是否应为“{best}”{zh_title}？）"
    if titles:
        return (" (use one of: " + "; ".join(f"{c} ({titles[c][1]})" if c in titles else str(c) for c in choices) + ")",
                "（可用：" + "；".join(f"{c}（{titles[c][0]}）" if c in titles else str(c) for c in choices) + "）")
    return f" (use one of: {', '.join(map(str, choices))})", f"（可用：{'、'.join(map(str, choices))}）"
