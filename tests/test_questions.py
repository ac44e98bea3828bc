"""Predict, then reveal: the class's tally, and the answers the measured numbers give."""

import re
import threading

import numpy as np

from explorer import ui
from explorer.interpolation import Census
from explorer.questions import (
    QUESTIONS,
    eps_answer,
    no_kl_answer,
    prior_answer,
    recon_answer,
    third_answer,
)
from explorer.scoring import score
from explorer.tally import Tally
from tests.test_app import components
from tests.test_sharing import open_with


def test_a_session_counts_once_per_question_and_only_counts_are_kept():
    tally = Tally()
    assert tally.record("prior", "s1", "digits") and tally.record("prior", "s2", "blobs")
    assert not tally.record("prior", "s1", "noise")  # a second pick changes nothing
    assert tally.record("third", "s1", "most")
    assert tally.counts("prior", QUESTIONS["prior"]) == {"digits": 1, "blobs": 1, "noise": 0}
    assert tally.pick_of("prior", "s1") == "digits" and tally.pick_of("no_kl", "s1") is None


def test_memory_is_bounded_by_forgetting_the_oldest_picks():
    tally = Tally(max_sessions=3)
    for k in range(10):
        tally.record("prior", f"s{k}", "digits")
    assert sum(tally.counts("prior", QUESTIONS["prior"]).values()) == 3
    assert tally.pick_of("prior", "s0") is None and tally.pick_of("prior", "s9") == "digits"


def test_picks_from_many_threads_are_all_counted():
    tally = Tally()
    threads = [
        threading.Thread(target=lambda k=k: tally.record("third", f"s{k}", "some"))
        for k in range(200)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert tally.counts("third", QUESTIONS["third"])["some"] == 200


def test_the_answers_follow_the_numbers():
    assert [recon_answer(s) for s in (0.9, 0.5, 0.1)] == ["most", "half", "few"]
    assert eps_answer(0.02, small=0.1) == "alike" and eps_answer(0.8, small=0.1) == "different"
    sure, unsure = np.full(10, 0.95), np.full(10, 0.5)
    assert prior_answer(score(np.zeros(10, int), sure)) == "digits"
    assert prior_answer(score(np.zeros(10, int), unsure)) == "blobs"
    assert no_kl_answer(132.5, 132.7, 0.9) == "as_well"
    assert no_kl_answer(140.0, 132.7, 0.9) == "worse"
    assert no_kl_answer(140.0, 132.7, 0.3) == "not_at_all"
    by_class = np.zeros(10)
    assert third_answer(Census(40, 0.6, by_class)) == "most"
    assert third_answer(Census(40, 0.1, by_class)) == "some"
    assert third_answer(Census(40, 0.0, by_class)) == "none"


def tallied(at) -> int:
    line = next((c.value for c in at.caption if c.value.startswith("How this server's")), "")
    return int(re.search(r"\((\d+) so far\)", line)[1]) if line else 0


def test_the_samples_wait_for_a_guess_then_the_reveal_says_whether_it_held():
    at = open_with("pages/4_AE_vs_VAE.py")
    assert len(at.image) == 2  # the cluster means only: the sample grids wait
    assert at.radio(key="guess-prior-ae-2d").value is None
    at.radio(key="guess-prior-ae-2d").set_value("noise").run()
    at.button(key="reveal-prior-ae-2d").click().run()
    assert not at.exception and len(at.image) == 5
    assert at.warning and at.warning[0].value.startswith("**You guessed noise; measured:")
    counted = tallied(at)
    assert counted >= 1
    assert not [b for b in at.button if b.key == "reveal-prior-ae-2d"]  # one pick: no second ask
    ui.predictions.class_tally().record("prior-ae-2d", "another learner", "digits")
    at.switch_page("pages/1_Latent_Map.py").run()
    at.switch_page("pages/4_AE_vs_VAE.py").run()
    assert len(at.image) == 5 and tallied(at) == counted + 1  # revealed stays revealed
    at.sidebar.radio(key="latent_size").set_value(20).run()  # another autoencoder: asked anew,
    assert len(at.image) == 2 and at.radio(key="guess-prior-ae-20d").value is None  # not judged
    assert not at.warning  # by the 2-D guess


def test_revealing_without_a_guess_shows_the_answer_and_counts_nothing():
    at = open_with("pages/5_KL_On_Off.py")
    assert not [i for i in at.info if "nats" in i.value and "Measured" in i.value]
    at.button(key="reveal-no_kl").click().run()
    assert any(i.value.startswith("**Measured:") for i in at.info)


def test_a_reveal_link_opens_every_answer_for_the_projector():
    at = open_with("pages/7_Interpolation.py", reveal="on")
    assert not [r for r in at.radio if r.key and r.key.startswith("guess-")]
    assert any("of the paths meet a third class" in i.value for i in [*at.info, *at.success,
                                                                        *at.warning])  # fmt: skip
    assert dict(at.query_params)["reveal"] == "on"


def test_the_map_asks_how_many_reconstructions_keep_their_class_before_it_counts():
    at = open_with("pages/1_Latent_Map.py", model="ae-20d", view="pca")
    assert not [m for m in at.markdown if "test images" in m.value and "rebuilds" in m.value]
    at.radio(key="guess-recon-ae-20d").set_value("most").run()
    at.button(key="reveal-recon-ae-20d").click().run()
    assert not at.exception
    verdict = [*at.success, *at.warning]
    assert verdict and "Of the first 2,000 test images" in verdict[0].value


def test_a_vae_point_asks_whether_the_draws_of_eps_will_differ_before_showing_them():
    at = open_with("pages/1_Latent_Map.py", model="vae-2d", point="18")
    assert not components(at, "latent_explorer_reparam")  # no draws before the guess
    at.radio(key="guess-eps").set_value("alike").run()
    at.button(key="reveal-eps").click().run()
    (draws,) = components(at, "latent_explorer_reparam")  # drawn by the browser (reparam.js)
    assert draws["guess"] == "alike" and draws["small"] == 0.1
    assert draws["words"]["labels"] == {
        "different": "clearly different",
        "alike": "nearly the same",
    }
    assert draws["words"]["missed"].startswith("<strong>You guessed {guess}; measured:")
    at = open_with("pages/1_Latent_Map.py", model="vae-2d", point="18", decode="server")
    assert not [b for b in at.button if b.label == "Resample eps"]
    at.button(key="reveal-eps").click().run()
    assert [b for b in at.button if b.label == "Resample eps"]  # where the server draws them
    assert any(i.value.startswith("**Measured:") for i in at.info)
