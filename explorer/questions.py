"""Predict, then reveal: the questions the lesson asks before it shows a figure, their
choices, and which choice the shipped models' measured numbers make true."""

from explorer.interpolation import Census
from explorer.scoring import Score

QUESTIONS: dict[str, tuple[str, ...]] = {
    "recon": ("most", "half", "few"),  # Latent Map: reconstructions read as their own class
    "eps": ("different", "alike"),  # Latent Map, a VAE: eight draws of z = mu + sigma * eps
    "prior": ("digits", "blobs", "noise"),  # AE vs VAE: the AE's decodes of N(0, I) samples
    "no_kl": ("as_well", "worse", "not_at_all"),  # KL page: reconstruction without the KL term
    "third": ("most", "some", "none"),  # Interpolation: another class between a and b
}


def recon_answer(share: float) -> str:
    """How many reconstructions keep their class: most (70% or more), about half (30% or
    more), or few."""
    if share >= 0.7:
        return "most"
    return "half" if share >= 0.3 else "few"


def eps_answer(spread: float, small: float) -> str:
    """Whether draws of z = mu + sigma * eps decode to visibly different pictures: alike when
    no draw strays further than `small` from mu in any dimension."""
    return "alike" if spread < small else "different"


def prior_answer(ae_samples: Score) -> str:
    """What an AE's decodes of prior samples look like, by the classifier: digits when at
    least half are read with confidence >= 0.9, else blurry blobs (a decoder never gives noise:
    its output is a smooth function of the code)."""
    return "digits" if ae_samples.recognised >= 0.5 else "blobs"


def no_kl_answer(recon_off: float, recon_on: float, share_off: float) -> str:
    """Whether a VAE trained without the KL term still reconstructs: as well (its BCE within
    1 nat of the KL-trained one's, or better), worse, or not at all (fewer than half of its
    reconstructions read as their own class)."""
    if share_off < 0.5:
        return "not_at_all"
    return "as_well" if recon_off <= recon_on + 1.0 else "worse"


def third_answer(census: Census) -> str:
    """Whether straight paths between two classes meet a third: on most, some or none."""
    if census.third >= 0.5:
        return "most"
    return "some" if census.third > 0 else "none"
