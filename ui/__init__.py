"""The UI package: everything Streamlit-specific that pages share.

i18n      t(key) and the language switch; strings live in ui/strings/*.py (one catalog)
controls  widgets built from a config dataclass, synced with the URL
charts    pure Altair chart builders (testable without a browser)
raster    arrays -> PNG images (decision boundaries, neuron maps)
live      the training page: Train/Stop, live frames by time, scrub/replay, code, downloads
nav       the page catalog the router and the home page read
"""
