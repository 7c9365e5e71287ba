"""The string catalog, one module per lesson (named as the lesson) plus common.py; each defines
STRINGS = {key: {"en": ..., "zh": ...}}."""
