"""Anonymous tallies of a class's predictions: per question, how many sessions picked each
answer. One pick per session and question; nothing but counts is shown, nothing is written to
disk, and memory is bounded: beyond MAX_SESSIONS a question forgets its oldest picks."""

import threading
from collections import Counter, OrderedDict

MAX_SESSIONS = 5000  # per question: a large lecture hall, a few hundred bytes each


class Tally:
    def __init__(self, max_sessions: int = MAX_SESSIONS):
        self.max_sessions = max_sessions
        self._picks: dict[str, OrderedDict[str, str]] = {}
        self._lock = threading.Lock()  # every session's script runs in a thread of its own

    def record(self, question: str, session: str, choice: str) -> bool:
        """Count a session's pick; False (and nothing changes) where it has picked already."""
        with self._lock:
            picks = self._picks.setdefault(question, OrderedDict())
            if session in picks:
                return False
            picks[session] = choice
            while len(picks) > self.max_sessions:
                picks.popitem(last=False)
            return True

    def pick_of(self, question: str, session: str) -> str | None:
        with self._lock:
            return self._picks.get(question, {}).get(session)

    def counts(self, question: str, choices: tuple[str, ...]) -> dict[str, int]:
        """How many sessions picked each choice, in the choices' order."""
        with self._lock:
            counted = Counter(self._picks.get(question, {}).values())
        return {choice: counted[choice] for choice in choices}
