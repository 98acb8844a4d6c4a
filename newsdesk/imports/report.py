"""What a run did, per kind, and what it could not bring across: printed at the end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

KINDS = [
    "contributors",
    "sections",
    "tags",
    "images",
    "articles",
    "comments",
    "must-reads",
    "redirects",
]


@dataclass
class Report:
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)  # (kind, outcome) -> n
    problems: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[(kind, outcome)] += n

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def of(self, kind: str, outcome: str) -> int:
        return self.counts[(kind, outcome)]

    def changed(self) -> int:
        """How many rows were created or updated."""
        return sum(
            n for (_k, outcome), n in self.counts.items() if outcome in {"created", "updated"}
        )

    def lines(self) -> list[str]:
        head = "Dry run: nothing was written." if self.dry_run else "Import done."
        out = [head]
        kinds = KINDS + sorted({k for k, _o in self.counts} - set(KINDS))
        for kind in kinds:
            outcomes = {o: n for (k, o), n in sorted(self.counts.items()) if k == kind}
            if outcomes:
                out.append(f"  {kind}: " + ", ".join(f"{n} {o}" for o, n in outcomes.items()))
        if self.problems:
            out.append(f"{len(self.problems)} problem(s):")
            out += [f"  - {line}" for line in self.problems]
        else:
            out.append("No problems.")
        return out
