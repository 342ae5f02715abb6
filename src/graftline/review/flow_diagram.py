"""The PRISMA 2020 flow diagram drawn with matplotlib from checked counts.

Layout of the PRISMA 2020 template "for new systematic reviews which included
searches of databases and registers only" (Page et al. 2021, BMJ 372:n71,
Figure 1): a main column of boxes (identified, screened, sought, assessed,
included) with arrows down, boxes of removed/excluded records to the right
with arrows across, and the phases Identification, Screening, Included as
bars on the left.
"""

from __future__ import annotations

from pathlib import Path

from graftline.export import staged_folder, write_csv
from graftline.review.prisma import PrismaCounts

_LINE = 2.35  # height of one text line in axis units (8.5 pt, line spacing 1.45)
_PAD = 1.6


def _box_lines(counts: PrismaCounts) -> list[tuple[list[str], list[str] | None]]:
    identified = ["Records identified from:", f"Databases (n = {sum(counts.databases.values())})"]
    identified += [f"    {name} (n = {n})" for name, n in counts.databases.items()]
    identified += [f"Registers (n = {sum(counts.registers.values())})"]
    identified += [f"    {name} (n = {n})" for name, n in counts.registers.items()]
    removed = ["Records removed before screening:",
               f"Duplicate records removed (n = {counts.duplicates_removed})",
               f"Records marked as ineligible by automation tools (n = {counts.automation_removed})",
               f"Records removed for other reasons (n = {counts.other_removed})"]
    excluded = ["Reports excluded:"] + [f"{reason} (n = {n})" for reason, n in counts.reports_excluded.items()]
    if len(excluded) == 1:
        excluded.append("(n = 0)")
    return [
        (identified, removed),
        ([f"Records screened (n = {counts.screened})"], [f"Records excluded (n = {counts.screened_excluded})"]),
        ([f"Reports sought for retrieval (n = {counts.reports_sought})"],
         [f"Reports not retrieved (n = {counts.reports_not_retrieved})"]),
        ([f"Reports assessed for eligibility (n = {counts.reports_assessed})"], excluded),
        ([f"Studies included in review (n = {counts.studies_included})",
          f"Reports of included studies (n = {counts.reports_included})"], None),
    ]


def draw_flow_diagram(counts: PrismaCounts, *, title: str = "Identification of studies via databases and registers"):
    """Draw the diagram and return the matplotlib Figure.

    The counts are checked first (:meth:`PrismaCounts.check`).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, Rectangle

    counts.check()
    rows = _box_lines(counts)
    heights = [max(len(left), len(right or [])) * _LINE + 2 * _PAD for left, right in rows]
    heights[-1] = max(heights[-1], 11.0)  # room for the rotated "Included" label
    gap = 4.0
    header = 6.0
    total = header + gap + sum(heights) + gap * (len(rows) - 1) + 2
    width = 100.0
    fig = plt.figure(figsize=(10, 10 * total / width * 0.75))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, total)
    ax.axis("off")
    left_x, left_w, right_x, right_w = 9.0, 42.0, 58.0, 40.0

    def box(x, y_top, w, h, lines, *, fill="white", center=False):
        ax.add_patch(Rectangle((x, y_top - h), w, h, facecolor=fill, edgecolor="black", linewidth=1.0))
        if center:
            ax.text(x + w / 2, y_top - h / 2, "\n".join(lines), ha="center", va="center", fontsize=9)
        else:
            ax.text(x + 1.2, y_top - _PAD, "\n".join(lines), ha="left", va="top", fontsize=8.5, linespacing=1.45)

    def arrow(start, end):
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, linewidth=1.0, color="black"))

    top = total - 1
    box(left_x, top, right_x + right_w - left_x, header, [title], fill="#f6c667", center=True)
    y = top - header - gap
    tops = []
    for (left, right), h in zip(rows, heights, strict=True):
        tops.append(y)
        box(left_x, y, left_w, h, left)
        if right is not None:
            box(right_x, y, right_w, h, right)
            arrow((left_x + left_w, y - h / 2), (right_x, y - h / 2))
        y -= h + gap
    for k in range(len(rows) - 1):
        arrow((left_x + left_w / 2, tops[k] - heights[k]), (left_x + left_w / 2, tops[k + 1]))
    phases = [("Identification", 0, 0), ("Screening", 1, 3), ("Included", 4, 4)]
    for label, first, last in phases:
        y_top, y_bottom = tops[first], tops[last] - heights[last]
        ax.add_patch(Rectangle((1, y_bottom), 5, y_top - y_bottom, facecolor="#a6cee3", edgecolor="black",
                               linewidth=1.0))
        ax.text(3.5, (y_top + y_bottom) / 2, label, rotation=90, ha="center", va="center", fontsize=10,
                fontweight="bold")
    return fig


def write_flow_diagram(counts: PrismaCounts, out_dir: str | Path, *, stem: str = "prisma") -> list[Path]:
    """Write ``<stem>.svg``, ``<stem>.png`` and the counts table ``<stem>_counts.csv``.

    The files are byte-for-byte reproducible: the SVG id salt is fixed and
    no creation date or software version is embedded. SVG text stays text
    (not paths) so the diagram can be edited and searched.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    out_dir = Path(out_dir)
    counts.check()
    names = [f"{stem}.svg", f"{stem}.png", f"{stem}_counts.csv"]
    with staged_folder(out_dir) as folder:  # the three files, or none
        with matplotlib.rc_context({"svg.hashsalt": "graftline-prisma", "svg.fonttype": "none"}):
            fig = draw_flow_diagram(counts)
            fig.savefig(folder / names[0], format="svg", metadata={"Date": None, "Creator": None})
            fig.savefig(folder / names[1], format="png", dpi=150, metadata={"Software": None})
            plt.close(fig)
        write_csv(counts.to_frame(), folder / names[2])
    return [out_dir / name for name in names]
