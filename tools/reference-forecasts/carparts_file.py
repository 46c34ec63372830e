"""The carparts file (../shared/data/carparts.csv), read as parseCarparts in
services/replenishment/src/simulation/service-level-study.ts reads it: a header
`Part,Jan-98,...`, then one part a line, empty cells for months not observed
(only ever at the end)."""


def observed_months(path):
    """Each part's id and its observed months, in file order."""
    with open(path) as f:
        rows = [line.strip().split(",") for line in f.read().strip().split("\n")[1:]]
    parts = []
    for part, *cells in rows:
        observed = cells[: cells.index("") if "" in cells else len(cells)]
        parts.append((part, [float(c) for c in observed]))
    return parts
