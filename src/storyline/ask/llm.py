"""An optional LLM that words the answer from the retrieved sentences, and must cite them.

Off by default. A user turns it on with an OpenAI-compatible chat-completions endpoint
(llama.cpp's ``llama-server``, vLLM, Ollama's ``/v1``, a hosted API) in the environment:
``STORYLINE_LLM_URL`` (base URL, e.g. ``http://localhost:8080/v1``), ``STORYLINE_LLM_MODEL``
and, if the endpoint needs one, ``STORYLINE_LLM_API_KEY``. The model receives the question and
the numbered sentences the extractive stage retrieved — nothing else from the corpus — and must
cite the ones it used as ``[n]``. Its answer is rejected, and the extractive answer returned
with the reason in ``explanation``, when the endpoint fails, when it cites nothing, or when it
cites a number it was not given, when it holds a raw date code, or when it does not state the
value the extractive stage checked (a date, the figures of every side of a dispute, the name of
the asked type): the model words an answer, it never changes it. The extractive stage alone
decides whether the corpus has an answer: the model is never asked when it has none.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import httpx

from storyline.ask.query import config
from storyline.ask.score import citation
from storyline.models.answers import Answer, AnswerValue
from storyline.store import SentenceHit
from storyline.store.documents import CitedDocument

ENV_URL = "STORYLINE_LLM_URL"
ENV_MODEL = "STORYLINE_LLM_MODEL"
ENV_KEY = "STORYLINE_LLM_API_KEY"
_CITE = re.compile(r"\[(\d{1,4})\]")
_TIMEX_CODE = re.compile(r"X{4}|\b\d{4}-W\d|\b[A-Z]+_REF\b|\bP\d+[YMWDH]\b")


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: str | None = None
    timeout: float | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMConfig | None:
        """The endpoint the environment configures, or None when it configures none."""
        env = os.environ if env is None else env
        url, model = env.get(ENV_URL, "").strip(), env.get(ENV_MODEL, "").strip()
        if not url or not model:
            return None
        return cls(base_url=url.rstrip("/"), model=model, api_key=env.get(ENV_KEY) or None)

    def __repr__(self) -> str:  # never print the key
        return f"LLMConfig(base_url={self.base_url!r}, model={self.model!r})"


def llm_answer(
    llm: LLMConfig,
    answer: Answer,
    sentences: Sequence[SentenceHit],
    docs: Mapping[str, CitedDocument],
    client: httpx.Client | None = None,
) -> Answer:
    """``answer`` reworded by the model from ``sentences``, or ``answer`` itself (with why)."""
    conf = config()["llm"]
    given = list(sentences[: int(conf["max_sentences"])])
    numbered = "\n".join(f"[{i}] {hit.text}" for i, hit in enumerate(given, 1))
    payload = {
        "model": llm.model,
        "temperature": conf["temperature"],
        "max_tokens": conf["max_tokens"],
        "messages": [
            {"role": "system", "content": conf["system"]},
            {"role": "user", "content": f"Sentences:\n{numbered}\n\nQuestion: {answer.question}"},
        ],
    }
    headers = {"Authorization": f"Bearer {llm.api_key}"} if llm.api_key else {}
    own = client is None
    client = client or httpx.Client(timeout=llm.timeout or float(conf["timeout"]))
    try:
        response = client.post(f"{llm.base_url}/chat/completions", json=payload, headers=headers)
        response.raise_for_status()
        text = str(response.json()["choices"][0]["message"]["content"]).strip()
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
        return _rejected(answer, f"the LLM endpoint failed ({type(error).__name__})")
    finally:
        if own:
            client.close()
    text = text[: int(conf["max_answer_chars"])]
    cited = sorted({int(n) for n in _CITE.findall(text)})
    if not cited:
        return _rejected(answer, "the LLM answer cited no sentence")
    if _TIMEX_CODE.search(text):
        return _rejected(answer, "the LLM answer holds a raw date code")
    if answer.value is not None and not states_value(text, answer.value):
        return _rejected(answer, "the LLM answer does not state the checked value")
    if any(not 1 <= n <= len(given) for n in cited):
        return _rejected(answer, "the LLM answer cited sentences it was not given")
    citations = [
        citation(n, given[n - 1], docs.get(given[n - 1].doc_id), given[n - 1].score) for n in cited
    ]
    return answer.model_copy(
        update={
            "text": text,
            "backend": "llm",
            "citations": citations,
            "documents": list(dict.fromkeys(c.doc_id for c in citations)),
            "explanation": f"{answer.explanation}; worded by {llm.model} from "
            f"{len(given)} retrieved sentences, citing {len(cited)}",
        }
    )


def states_value(text: str, value: AnswerValue) -> bool:
    """Whether a worded answer states the value the extractive stage checked (its type was
    checked there): a date in words or ISO, every number of a figure (both sides of a dispute),
    or a name (a person by surname)."""
    lowered = text.lower()
    if value.kind == "date":
        return value.text.lower() in lowered or value.value.split("/")[0] in text
    if value.kind in ("amount", "count"):
        numbers = re.findall(r"\d[\d,.]*", value.text)
        return all(n.rstrip(".,") in text for n in numbers) if numbers else True
    names = [n.strip() for n in re.split(r",| and ", value.text) if n.strip()]
    return any(n.lower() in lowered or n.split()[-1].lower() in lowered for n in names)


def _rejected(answer: Answer, why: str) -> Answer:
    return answer.model_copy(
        update={"explanation": f"{answer.explanation}; {why}: extractive answer kept"}
    )
