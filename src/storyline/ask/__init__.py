"""Ask: questions answered from the corpus with cited sentences.

``query`` parses the question, ``index`` retrieves candidate sentences, ``values`` reads typed
answer values (dates, figures, actors) from them, ``score`` ranks them, ``llm`` optionally words
the answer with a local model, ``answer`` puts it together.
"""

from storyline.ask.answer import answer_question

__all__ = ["answer_question"]
