"""Small text helpers shared by several stages: date words, lines, word vectors.

Nothing here knows about documents or stages; each module is plain functions over strings.
"""
