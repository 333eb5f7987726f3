"""Extracts the printed and bold evaluation glyphs once into resources/evaluation/printed-digits.json.

    pip install --target /tmp/glyph-tools hershey-fonts==2.1.0 scikit-image networkx
    apt-get download fonts-liberation fonts-texgyre && dpkg -x <each .deb> /tmp/glyph-fonts
    PYTHONPATH=/tmp/glyph-tools python scripts/extract-eval-glyphs.py /tmp/glyph-fonts
    # the development set (see below):
    apt-get download fonts-linuxlibertine fonts-crosextra-caladea fonts-comic-neue fonts-lato \
        fonts-cantarell && dpkg -x <each .deb> /tmp/dev-fonts
    PYTHONPATH=/tmp/glyph-tools python scripts/extract-eval-glyphs.py --dev /tmp/dev-fonts

(--target: hershey-fonts installs a top-level ``tests`` package that would shadow this project's.)

Two sources, both unlike anything training draws (``mnist_desk/data/synthetic.py``, ``printed.py``):
- Hershey's multi-stroke fonts: duplex (futuram), triplex (rowmant, timesib) and complex (timesr,
  timesi). They draw a bold or serif digit as several strokes side by side, balls and feet included.
- TrueType/OpenType fonts: DejaVu (on this machine), Liberation and TeX Gyre (Debian packages).
  Each digit is rendered at 160 px and turned into the strokes a person would draw:
  "skeleton" fonts give the glyph's centre lines (serifs, ball terminals and all; spurs shorter
  than 6% of the height pruned), "outline" fonts give the outline of a regular-weight glyph,
  a doubled line like a digit gone over twice.
Strokes are stored per digit in units of the glyph's height, y down.

``--dev`` writes resources/evaluation/dev-digits.json instead: the same kinds of glyphs from other
font families (Linux Libertine and Biolinum, Caladea, Comic Neue, Lato, Cantarell), the set the
drawn-digit recipe's generator was developed against, so that the printed and bold sets above
stay sets it was never tuned on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "resources" / "evaluation" / "printed-digits.json"
HERSHEY = ("futuram", "rowmant", "timesr", "timesi", "timesib")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
SKELETON = (
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSans-Bold.ttf",
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSans-Regular.ttf",
    "texgyreschola-regular.otf",
    "texgyreschola-bold.otf",
    "texgyrebonum-regular.otf",
    "texgyrepagella-regular.otf",
    "texgyrepagella-italic.otf",
    "texgyretermes-bold.otf",
    "texgyrecursor-regular.otf",
    "texgyreadventor-regular.otf",
)
OUTLINE = (
    "DejaVuSerif.ttf",
    "DejaVuSans.ttf",
    "LiberationSerif-Regular.ttf",
    "texgyreschola-regular.otf",
    "texgyrepagella-regular.otf",
    "texgyretermes-regular.otf",
    "texgyreheros-regular.otf",
    "texgyreadventor-regular.otf",
)
DEV_OUT = REPO / "resources" / "evaluation" / "dev-digits.json"
DEV_SKELETON = (
    "LinLibertine_R.otf",
    "LinLibertine_RB.otf",
    "LinLibertine_RI.otf",
    "LinBiolinum_R.otf",
    "Caladea-Regular.ttf",
    "Caladea-Bold.ttf",
    "Caladea-Italic.ttf",
    "ComicNeue-Regular.otf",
    "ComicNeue-Bold.otf",
    "Lato-Regular.ttf",
    "Lato-Black.ttf",
    "Cantarell-Regular.otf",
)
DEV_OUTLINE = (
    "LinLibertine_R.otf",
    "LinBiolinum_R.otf",
    "Caladea-Regular.ttf",
    "ComicNeue-Regular.otf",
    "Lato-Regular.ttf",
    "Cantarell-Regular.otf",
)
SIZE = 160  # pixels a glyph is rendered at
SPUR = 0.06  # skeleton branches ending free and shorter than this (of the height) are pruned


def hershey_glyphs() -> dict[str, dict[str, list]]:
    from HersheyFonts import HersheyFonts

    fonts = HersheyFonts()
    out = {}
    for name in HERSHEY:
        fonts.load_default_font(name)
        fonts.normalize_rendering(100)
        out[f"hershey:{name}"] = {
            str(d): _unit([[(x, -y) for x, y in s] for s in fonts.strokes_for_text(str(d))])
            for d in range(10)
        }
    return out


def _unit(strokes: list) -> list:
    """Strokes scaled to the glyph's height, top-left at 0, rounded (y down)."""
    every = np.concatenate([np.asarray(s, float) for s in strokes])
    low, high = every.min(0), every.max(0)
    height = float(high[1] - low[1]) or 1.0
    return [np.round((np.asarray(s, float) - low) / height, 4).tolist() for s in strokes]


def _bitmap(path: Path, char: str) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(path), SIZE)
    image = Image.new("L", (SIZE * 2, SIZE * 2), 0)
    ImageDraw.Draw(image).text((SIZE // 2, SIZE // 4), char, font=font, fill=255)
    ink = np.asarray(image) > 127
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
    return np.pad(ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1], 3)


def _graph(skeleton: np.ndarray):
    """The skeleton's pixels as a graph; a diagonal step only where no 4-neighbour joins them
    already (otherwise every corner of a staircase looks like a junction)."""
    import networkx as nx

    points = set(zip(*np.nonzero(skeleton), strict=True))
    graph = nx.Graph()
    graph.add_nodes_from(points)
    for r, c in points:
        for dr, dc in ((0, 1), (1, 0)):
            if (r + dr, c + dc) in points:
                graph.add_edge((r, c), (r + dr, c + dc))
        for dr, dc in ((1, 1), (1, -1)):
            q = (r + dr, c + dc)
            if q in points and (r + dr, c) not in points and (r, c + dc) not in points:
                graph.add_edge((r, c), q)
    return graph


def _chains(graph) -> list[list]:
    """The skeleton split into paths between its ends and junctions (closed loops whole)."""
    import networkx as nx

    nodes = {n for n in graph if graph.degree(n) != 2}
    seen: set[frozenset] = set()

    def walk(a, b) -> list:
        path = [a, b]
        seen.add(frozenset((a, b)))
        prev, cur = a, b
        while cur not in nodes:
            ahead = [x for x in graph[cur] if x != prev and frozenset((cur, x)) not in seen]
            if not ahead:
                break
            prev, cur = cur, ahead[0]
            seen.add(frozenset((prev, cur)))
            path.append(cur)
        return path

    out = [walk(n, m) for n in nodes for m in graph[n] if frozenset((n, m)) not in seen]
    for part in nx.connected_components(graph):
        first = next(iter(part))
        if all(graph.degree(x) == 2 for x in part):
            out.append([*walk(first, next(iter(graph[first]))), first])
    return out


def centre_lines(bitmap: np.ndarray) -> list:
    from skimage.measure import approximate_polygon
    from skimage.morphology import skeletonize

    graph = _graph(skeletonize(bitmap))
    height = bitmap.shape[0]
    for _ in range(3):
        spurs = [
            c
            for c in _chains(graph)
            if len(c) < SPUR * height and (graph.degree(c[0]) == 1) != (graph.degree(c[-1]) == 1)
        ]
        if not spurs:
            break
        for chain in spurs:
            graph.remove_nodes_from([x for x in chain if graph.degree(x) <= 2])
    paths = [np.array([(x, y) for y, x in c], float) for c in _chains(graph) if len(c) > 1]
    return _unit([approximate_polygon(p, 0.6) for p in paths])


def outlines(bitmap: np.ndarray) -> list:
    from skimage.measure import approximate_polygon, find_contours

    contours = find_contours(bitmap.astype(float), 0.5)
    return _unit([approximate_polygon(c[:, ::-1], 0.8) for c in contours])


def font_glyphs(fonts_dir: Path, skeleton=SKELETON, outline=OUTLINE) -> dict[str, dict[str, list]]:
    files = {p.name: p for p in fonts_dir.rglob("*") if p.suffix in (".ttf", ".otf")}
    files.update({p.name: p for p in DEJAVU.glob("*.ttf")})
    out = {}
    for kind, names, make in (("skeleton", skeleton, centre_lines), ("outline", outline, outlines)):
        for name in names:
            stem = Path(name).stem
            out[f"{kind}:{stem}"] = {str(d): make(_bitmap(files[name], str(d))) for d in range(10)}
    return out


def main_dev(fonts_dir: str) -> int:
    glyphs = font_glyphs(Path(fonts_dir), DEV_SKELETON, DEV_OUTLINE)
    info = {
        "source": "Digits 0-9 as strokes, y down, in units of the glyph's height, extracted once "
        "by scripts/extract-eval-glyphs.py --dev: 'skeleton:' the centre lines and 'outline:' the "
        "outlines of OpenType/TrueType glyphs rendered at 160 px (Linux Libertine 5.3.0, "
        "Caladea 20200211, Comic Neue 2.51, Lato 2.0, Cantarell 0.303.1; Debian packages "
        "fonts-linuxlibertine, fonts-crosextra-caladea, fonts-comic-neue, fonts-lato, "
        "fonts-cantarell). The development set of the drawn-digit recipe; never trained on.",
        "credit": "Linux Libertine and Biolinum: GPL with font exception / SIL Open Font License. "
        "Caladea, Comic Neue, Lato, Cantarell: SIL Open Font License 1.1.",
        "fonts": glyphs,
    }
    DEV_OUT.write_text(json.dumps(info, separators=(",", ":")) + "\n")
    print(f"{DEV_OUT}: {len(glyphs)} fonts, {DEV_OUT.stat().st_size / 1024:.0f} KB")
    return 0


def main(fonts_dir: str) -> int:
    glyphs = {**hershey_glyphs(), **font_glyphs(Path(fonts_dir))}
    info = {
        "source": "Digits 0-9 as strokes, y down, in units of the glyph's height, extracted once "
        "by scripts/extract-eval-glyphs.py: Hershey fonts from the PyPI package hershey-fonts "
        "2.1.0; 'skeleton:' the centre lines and 'outline:' the outlines of TrueType/OpenType "
        "glyphs rendered at 160 px (DejaVu 2.37, Liberation 1.07.4, TeX Gyre 20180621, Debian "
        "packages fonts-dejavu-core, fonts-liberation, fonts-texgyre). Evaluation only.",
        "credit": "Hershey Fonts: Dr. A. V. Hershey, U. S. National Bureau of Standards. DejaVu "
        "fonts: Bitstream Vera licence and public domain changes. Liberation fonts: SIL Open "
        "Font License 1.1. TeX Gyre fonts: GUST Font License.",
        "fonts": glyphs,
    }
    OUT.write_text(json.dumps(info, separators=(",", ":")) + "\n")
    print(f"{OUT}: {len(glyphs)} fonts, {OUT.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] in ([], ["-h"], ["--help"]) or (args[0] == "--dev" and len(args) < 2):
        print(__doc__)
        sys.exit(0 if args[:1] in (["-h"], ["--help"]) else 2)
    sys.exit(main_dev(args[1]) if args[0] == "--dev" else main(args[0]))
