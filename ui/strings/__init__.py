"""The string catalog, one module per lesson (named as the lesson) plus common.py and one
per feature that spans lessons; each defines
STRINGS = {key: {"en": ..., "zh": ...}}."""
