"""Pure chart builders, grouped by the kind of picture: data in, an Altair chart out (no
Streamlit, testable anywhere).

curves   loss curves over steps, sequences over time
plane    points and functions in the x-y plane: fits, boundaries, activations, loss surfaces
bars     probabilities, accuracy per class, timings
grids    heat maps: confusion matrices, hidden states, batches
sweep    a sweep's heat map, line with error bars, and every run as a point
palette  colours several kinds share

Pixel pictures (boundaries, digits, filters) are arrays turned into images: ui/raster.py.
"""
from typing import Any

# A chart's data without pandas: column name -> a 1-D NumPy array or list, all of one length.
# What a live frame makes anew every time (a boundary's rects, the curves, the network): a
# DataFrame's construction costs 0.1-2 ms each, and only Altair needs one, once per chart
# structure, to compile it (ui/frames.py). pd.DataFrame(columns) gives the same table.
Columns = dict[str, Any]
