"""The inside view's session without Qt: answers, newest request first, sheets and details."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from mnist_desk.app.inside_session import InsideRequest, InsideSession, unit_detail
from mnist_desk.recognition.predictor import Predictor
from tests.support import mnist_test_digits


@pytest.fixture(scope="module")
def digits():
    images, labels = mnist_test_digits(3)
    return images, labels


@pytest.mark.parametrize("model", ["classifier-convnet", "classifier-mlp", "classifier-deit"])
def test_an_answer_has_sheets_an_explanation_and_details_for_every_cell(model, digits):
    images, labels = digits
    session = InsideSession()
    answer = session.answer(InsideRequest(1, Predictor.from_model(model), images[0]))
    assert answer.explanation.answer == labels[0]
    for sheet in answer.sheets:
        mosaic = sheet.mosaic()
        assert np.isfinite(mosaic).sum() == sheet.maps.size
        for cell in {0, sheet.count - 1}:
            detail = unit_detail(answer, sheet, cell)
            assert detail.low <= detail.high
    kinds = [s.kind for s in answer.sheets]
    assert {"classifier-convnet": "conv", "classifier-mlp": "top-units"}.get(
        model, "attention"
    ) in kinds


def test_a_cell_is_found_under_its_pixels_and_not_in_the_gaps(digits):
    images, _ = digits
    answer = InsideSession().answer(InsideRequest(1, Predictor.from_model(None), images[0]))
    sheet = answer.sheets[0]  # 32 maps of 28x28 in 7 columns, 1 px apart
    assert sheet.cell_at(0, 0) == 0 and sheet.cell_at(27, 27) == 0
    assert sheet.cell_at(28, 3) is None and sheet.cell_at(3, 28) is None
    assert sheet.cell_at(29, 29 * 2 + 1) == sheet.columns + 2


def test_blank_gives_a_blank_answer():
    answer = InsideSession().answer(InsideRequest(4, Predictor.from_model(None), None))
    assert answer.blank and answer.id == 4 and not answer.sheets


def test_the_worker_answers_the_newest_request_and_stops_when_cancelled(digits):
    images, _ = digits
    predictor = Predictor.from_model(None)
    session = InsideSession()
    answers = []
    for i in range(1, 4):  # queued before the worker starts: only the last is answered
        session.submit(InsideRequest(i, predictor, images[i - 1]))
    worker = threading.Thread(target=session.serve, args=(answers.append,))
    worker.start()
    while not answers:
        worker.join(0.05)
    session.cancel()
    worker.join(10)
    assert not worker.is_alive() and [a.id for a in answers] == [3]
