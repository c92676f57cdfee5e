"""The state of one person's conversation on one channel: plain JSON values, stored as a row per account.

`flow` and `step` say what the product is waiting for (None: nothing, the next text is a search or an
intent); `answers` are the flow's answers so far; `offered` are the ids of the choices shown last, so that
a typed "2" picks the second; `memory` outlives flows (recent searches for paging, consents given).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Conversation:
    flow: str | None = None
    step: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    offered: list[str] = field(default_factory=list)
    memory: dict[str, Any] = field(default_factory=dict)

    def start(self, flow: str, step: str, answers: dict[str, Any] | None = None) -> None:
        self.flow, self.step, self.answers = flow, step, dict(answers or {})

    def goto(self, step: str) -> None:
        self.step = step

    def finish(self) -> None:
        self.flow, self.step, self.answers = None, None, {}

    def waiting_in(self, flow: str, step: str | None = None) -> bool:
        return self.flow == flow and (step is None or self.step == step)

    def to_json(self) -> str:
        return json.dumps(
            {
                "flow": self.flow,
                "step": self.step,
                "answers": self.answers,
                "offered": self.offered,
                "memory": self.memory,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, raw: str) -> Conversation:
        data = json.loads(raw)
        return cls(
            flow=data.get("flow"),
            step=data.get("step"),
            answers=dict(data.get("answers") or {}),
            offered=[str(choice) for choice in data.get("offered") or []],
            memory=dict(data.get("memory") or {}),
        )
