"""Batch training page through AppTest: the batches the user sees are the loader's."""
from core.tasks.batch import BatchConfig, assign_batches
from tests.app.conftest import no_exceptions, open_page, texts


def train(at):
    at.button(key="batch.train").click().run()
    no_exceptions(at)
    return at


def batch_table(at):
    return at.dataframe[0].value


def test_defaults_show_every_batch_of_every_epoch():
    at = open_page("batch")
    no_exceptions(at)
    assert "Press **Train**" in at.info[0].value
    train(at)
    assert "Finished 6 steps" in at.success[0].value
    assert "2 batches per epoch, sizes [5, 5]; 6 batches in 3 epochs." in texts(at)
    table = batch_table(at)
    expected = assign_batches(BatchConfig())
    assert list(table["Sample indices"]) == [str(list(r.indices)) for r in expected]
    assert list(table["Epoch"]) == [0, 0, 1, 1, 2, 2]
    printout = next(c.value for c in at.code if c.value.startswith("Epoch: 0"))
    # seed 1: the first epoch is the course's own printout
    assert printout.splitlines()[0] == "Epoch: 0 | Step: 0 | batch x: [5. 7. 10. 3. 4.] | batch y: [6. 4. 1. 8. 7.]"
    assert any("final_loss" in c.value for c in at.code)  # show the code


def test_batch_size_eight_and_drop_last():
    at = open_page("batch")
    at.slider(key="batch.batch_size").set_value(8).run()
    train(at)
    assert "2 batches per epoch, sizes [8, 2]" in texts(at)
    at.toggle(key="batch.drop_last").set_value(True).run()
    train(at)
    shown = texts(at)
    assert "1 batches per epoch, sizes [8]; 3 batches in 3 epochs." in shown
    assert "drop_last skips samples" in shown
    assert len(batch_table(at)) == 3


def test_scrubbing_shows_the_batches_delivered_so_far():
    at = train(open_page("batch"))
    run = at.session_state["batch.run"]
    at.select_slider(key=f"batch.scrub.{run.id}").set_value(run.snapshots[2].step).run()
    no_exceptions(at)
    assert len(batch_table(at)) == 3


def test_impossible_settings_are_explained_and_train_is_disabled():
    at = open_page("batch")
    at.slider(key="batch.batch_size").set_value(12)
    at.toggle(key="batch.drop_last").set_value(True).run()
    no_exceptions(at)
    assert any("do not fit together" in w.value and "leaves no batch" in w.value
               for w in at.warning)
    assert at.button(key="batch.train").disabled


def test_the_same_combination_in_a_link_falls_back_to_the_defaults():
    at = open_page("batch", query={"batch_size": "12", "drop_last": "true"})
    no_exceptions(at)
    assert any("leaves no batch" in w.value for w in at.warning)
    assert at.slider(key="batch.batch_size").value == 5
    train(at)
    assert "sizes [5, 5]" in texts(at)


def test_a_huge_learning_rate_diverges_in_words():
    at = train(open_page("batch", query={"lr": "1.0", "epochs": "20"}))
    assert at.error and "diverged at step" in at.error[0].value


def test_chinese():
    at = train(open_page("batch", lang="zh"))
    assert "每轮 2 批" in texts(at)
    assert "批训练" in at.title[0].value


def test_the_current_batches_are_described():
    """Defect: with 40 points and batch 3 the intro still said only "batches of 5"."""
    at = open_page("batch", query={"points": "40", "batch_size": "3"})
    assert "40 points in batches of 3: 14 batches per epoch" in texts(at)
