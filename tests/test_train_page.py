"""The Train page through AppTest: a live training, a busy server, bad input, no MNIST."""

import time

from streamlit.testing.v1 import AppTest

from explorer import jobs, ui
from explorer.checkpoints import USER_DIR
from tests.test_app import HOME

TRAIN = "pages/9_Train.py"


def open_train() -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=60).run()
    at.switch_page(TRAIN).run()
    assert not at.exception, at.exception
    return at


def test_train_page_trains_a_model_that_every_picker_then_lists(tiny_training):
    at = open_train()
    assert at.text_input[0].value.startswith("my-model-")
    at.text_input[0].set_value("zz-test-live")
    at.slider[0].set_value(2)
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    assert at.subheader[0].value.startswith("Training zz-test-live")
    assert not at.info  # this session's own training: no "another session" note
    deadline = time.monotonic() + 120
    while jobs.status().running and time.monotonic() < deadline:
        time.sleep(0.5)
    ui.checkpoint_files.clear()  # the app looks at the folder at most once a second
    at.run()
    assert not at.exception
    assert any("zz-test-live" in s.value and "trained and saved" in s.value for s in at.success)
    (link,) = [link for link in at.get("page_link") if "zz-test-live" in link.proto.label]
    assert "data=mnist" in link.proto.query_string  # it opens from a Fashion-MNIST session too
    assert "Loss terms per epoch" in " ".join(m.value for m in at.markdown)  # still there
    assert len(at.get("plotly_chart")) == 2  # the curves and the last epoch's codes
    assert "zz-test-live" in ui.autoencoder_names()
    at.switch_page("pages/1_Latent_Map.py").run()
    at.sidebar.selectbox[0].set_value("zz-test-live").run()
    assert not at.exception


def test_another_session_sees_the_training_and_cannot_cancel_it(tiny_training):
    jobs.start(jobs.TrainRequest("zz-test-other", "ae", 2, 0.0, 30, owner="someone-else"))
    at = open_train()
    assert at.subheader[0].value.startswith("Training zz-test-other")
    assert any("Another session started this training" in i.value for i in at.info)
    assert not [b for b in at.button if b.label == "Cancel training"]
    assert not at.get("form")  # no second training while one runs


def test_bad_names_get_a_clear_message_and_start_nothing(tiny_training):
    at = open_train()
    for name, message in [("vae-2d", "exists already"), ("../../etc", "lower-case letters")]:
        at.text_input[0].set_value(name)
        at.button[0].click().run()
        assert any(message in e.value for e in at.error), [e.value for e in at.error]
        assert jobs.read_lock(USER_DIR) is None


def test_train_page_without_mnist_says_how_to_provide_it(offline_mnist):
    at = open_train()
    assert "MNIST training images" in at.warning[0].value
    assert "MNIST_ROOT" in at.code[0].value
    assert not at.get("form")


def test_a_folder_it_cannot_write_gets_a_clear_message(tiny_training, monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(USER_DIR))

    monkeypatch.setattr("explorer.jobs.os.open", read_only)
    at = open_train()
    at.text_input[0].set_value("zz-test-readonly")
    at.button[0].click().run()
    assert not at.exception
    assert "cannot write its models" in at.error[0].value
