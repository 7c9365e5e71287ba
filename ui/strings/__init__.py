"""The string catalog, split by page area: each module defines STRINGS = {key: {"en", "zh"}}."""
