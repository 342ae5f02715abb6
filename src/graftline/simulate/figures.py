"""Figures for the simulator's documentation: typical count trajectories per arm."""

from __future__ import annotations

from collections.abc import Sequence

from graftline.simulate.arms import ARMS
from graftline.simulate.parameters import DEFAULT_PARAMETERS, ModelParameters
from graftline.simulate.predict import predict_engraftment


def plot_trajectories(
    path,
    *,
    arms: Sequence[str] = ("chemo", "mst", "allo_pbsc", "allo_bm", "allo_cord", "allo_bm_msc"),
    replicates: int = 2000,
    seed: int = 1,
    params: ModelParameters = DEFAULT_PARAMETERS,
) -> None:
    """Median model ANC and platelets (10th-90th percentile band) per arm.

    The curves are the model's true counts (no lab noise); platelet curves
    include transfused platelets.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), constrained_layout=True)
    colours = plt.get_cmap("tab10")
    for i, name in enumerate(arms):
        prediction = predict_engraftment(ARMS[name], replicates=replicates, seed=seed, params=params, horizon=60)
        for ax, q, endpoint in ((axes[0], prediction.anc_quantiles, "neutrophil"),
                                (axes[1], prediction.plt_quantiles, "platelet")):
            median = prediction.summary(endpoint)["median"]
            ax.plot(prediction.days, q[1], color=colours(i), lw=2, label=f"{name} (median day {median:.0f})")
            ax.fill_between(prediction.days, q[0], q[2], color=colours(i), alpha=0.12)
    for ax, label, threshold in ((axes[0], "ANC (10^9/L)", 0.5), (axes[1], "Platelets (10^9/L)", 20.0)):
        ax.axhline(threshold, color="grey", ls="--", lw=1)
        ax.set_yscale("log")
        ax.set_xlabel("days after day 0 (infusion)")
        ax.set_ylabel(label)
        ax.set_xlim(0, 60)
        ax.legend(fontsize=8, loc="lower right")
    axes[0].set_title("Neutrophils: median and 10-90 % of virtual patients")
    axes[1].set_title("Platelets (incl. transfused)")
    fig.savefig(path, dpi=110)
    plt.close(fig)
