"""Risk-of-bias tables: each tool's overall rule on hand-built judgements, errors, and the robvis plots.

Rules, from the tools' guidance:
- RoB 2 (Sterne et al., BMJ 2019;366:l4898, Table 2): "Low risk of bias: the
  study is judged to be at low risk of bias for all domains"; "High risk of
  bias: ... at high risk of bias in at least one domain"; otherwise some concerns.
- ROBINS-I (Sterne et al., BMJ 2016;355:i4919, Table 2): the overall judgement
  is that of the most severe domain (low < moderate < serious < critical).
- Newcastle-Ottawa with the AHRQ standards: good = 3-4 selection, 1-2
  comparability, 2-3 outcome stars; fair = 2 selection; poor = 0-1 selection
  or 0 comparability or 0-1 outcome.
"""

import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.meta.plots_bias import STYLE
from graftline.meta.risk_of_bias import nos_rating, read_risk_of_bias, risk_of_bias_table


def _table(rows):
    return risk_of_bias_table(pd.DataFrame(rows, columns=["study", "tool", "domain", "judgement"]))


def _rob2(study, judgements):
    return [(study, "rob2", f"D{i + 1}", j) for i, j in enumerate(judgements)]


def test_rob2_overall_rule():
    table = _table(_rob2("A", ["low"] * 5) + _rob2("B", ["low", "some concerns", "low", "low", "low"])
                   + _rob2("C", ["low", "some concerns", "high", "low", "low"]))
    overall = table.overall.set_index("study")["overall"]
    assert overall.to_dict() == {"A": "low", "B": "some concerns", "C": "high"}
    assert table.overall.set_index("study")["reason"]["C"] == "high risk in D3"


def test_robins_i_overall_is_the_most_severe_domain():
    domains = ["low", "moderate", "low", "serious", "low", "low", "low"]
    rows = [("A", "robins-i", f"D{i + 1}", j) for i, j in enumerate(domains)]
    rows += [("B", "robins-i", f"D{i + 1}", "critical" if i == 0 else "low") for i in range(7)]
    rows += [("C", "robins-i", f"D{i + 1}", "no information" if i == 6 else "low") for i in range(7)]
    table = _table(rows)
    overall = table.overall.set_index("study")
    assert overall["overall"].to_dict() == {"A": "serious", "B": "critical", "C": "no information"}
    assert overall["severity"].to_dict() == {"A": "high", "B": "high", "C": "some concerns"}


@pytest.mark.parametrize(("stars", "rating"), [
    ((3, 1, 2), "good"), ((4, 2, 3), "good"), ((2, 1, 2), "fair"), ((1, 2, 3), "poor"),
    ((4, 0, 3), "poor"), ((4, 2, 1), "poor"), ((3, float("nan"), 2), "good"),
])
def test_newcastle_ottawa_ahrq_standard(stars, rating):
    assert nos_rating(*stars) == rating


def test_missing_domain_counts_as_no_information_with_a_message():
    table = _table(_rob2("A", ["low"] * 4))
    assert table.overall["overall"][0] == "some concerns"
    assert "D5 not judged" in table.messages[0]


def test_entered_overall_less_severe_than_the_domains_is_kept_and_flagged():
    table = _table(_rob2("A", ["low", "high", "low", "low", "low"]) + [("A", "rob2", "overall", "low")])
    assert table.overall["overall"][0] == "low"
    assert "less severe" in table.messages[0]


def test_read_reports_every_problem_with_its_line(tmp_path):
    path = tmp_path / "rob.csv"
    path.write_text("study,tool,domain,judgement\nA,rob3,D1,low\nB,rob2,D9,low\nC,rob2,D1,moderate\n"
                    "D,nos,selection,5\n")
    with pytest.raises(InputError) as error:
        read_risk_of_bias(path)
    text = str(error.value)
    assert "4 problem(s)" in text
    assert "line 2, column tool: 'rob3'" in text
    assert "line 3, column domain: 'D9' is not a RoB 2 domain" in text
    assert "line 4, column judgement: 'moderate'" in text
    assert "line 5, column judgement: '5' for NOS selection (expected 0-4 stars)" in text


def test_duplicate_judgement_is_refused():
    with pytest.raises(InputError, match="two judgements"):
        _table(_rob2("A", ["low"] * 5) + [("A", "rob2", "D1", "high")])


def test_traffic_light_has_a_marked_circle_per_domain_and_overall(tmp_path):
    table = _table(_rob2("A", ["low"] * 5) + _rob2("B", ["low", "high", "low", "some concerns", "low"]))
    fig = table.traffic_light_plot("rob2", path=tmp_path / "tl.svg")
    ax = fig.axes[0]
    symbols = [t.get_text() for t in ax.texts if t.get_text() in {"+", "-", "x", "!", "?"}]
    assert len(symbols) == 2 * 6
    assert symbols.count("x") == 2  # B's D2 and B's overall
    assert (tmp_path / "tl.svg").stat().st_size > 1000


def test_summary_plot_shares_are_weighted(tmp_path):
    table = _table(_rob2("A", ["low"] * 5) + _rob2("B", ["high"] * 5))
    fig = table.summary_plot("rob2", weights={"A": 75.0, "B": 25.0})
    bars = fig.axes[0].patches
    widths = sorted({round(b.get_width(), 6) for b in bars})
    assert widths == [25.0, 75.0]
    colours = {tuple(round(c, 3) for c in b.get_facecolor()[:3]) for b in bars if round(b.get_width()) == 75}
    from matplotlib.colors import to_rgb
    assert colours == {tuple(round(c, 3) for c in to_rgb(STYLE["low"][0]))}
