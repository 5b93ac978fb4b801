"""O-68 mate in one: valid samples, a checker that replays the move, a unique mate."""

import filecmp

import chess
import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "O-68_mate_in_one"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


def test_samples_validate(tmp_path):
    for i in range(3):
        params = {"image_size": 128, "video": i < 2}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers_and_mate_is_unique():
    for i in range(20):
        puzzle, answer = instance(i)
        TASK.check(puzzle, answer, PARAMS)
        board = chess.Board(puzzle["fen"])
        mates = [m for m in board.legal_moves if _mates(board, m)]
        assert [m.uci() for m in mates] == [answer["uci"]]


def _mates(board, move):
    after = board.copy()
    after.push(move)
    return after.is_checkmate()


def test_piece_limit():
    params = SPEC.resolve_params({"max_pieces": 14})
    for i in range(3):
        puzzle, answer = instance(i, params)
        assert len(chess.Board(puzzle["fen"]).piece_map()) <= 14
        TASK.check(puzzle, answer, params)


def test_known_position():
    # after 1. f3 e5 2. g4 Black mates with Qh4 only
    fen = "rnbqkbnr/pppp1ppp/8/4p3/6P1/5P2/PPPPP2P/RNBQKBNR b KQkq - 0 2"
    answer = TASK.solve({"fen": fen}, PARAMS)
    assert answer["san"] == "Qh4#"
    TASK.check({"fen": fen}, answer, PARAMS)


def test_checker_rejects_wrong_answers():
    puzzle, answer = instance(4)
    board = chess.Board(puzzle["fen"])
    other = next(m for m in board.legal_moves if m.uci() != answer["uci"])
    quiet = {
        "uci": other.uci(),
        "san": board.san(other),
        "from": chess.square_name(other.from_square),
        "to": chess.square_name(other.to_square),
    }
    wrong_san = {**answer, "san": answer["san"].rstrip("#")}
    illegal = {**answer, "uci": "a1a1"}
    for bad in (quiet, wrong_san, illegal):
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, bad, PARAMS)


def test_same_seed_same_bytes(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    names = sorted(p.name for p in a.folder.iterdir())
    assert names == sorted(p.name for p in b.folder.iterdir())
    _same, mismatch, errors = filecmp.cmpfiles(a.folder, b.folder, names, shallow=False)
    assert mismatch == [] and errors == []


def test_distinct_instances():
    hashes = {param_hash(GID, instance(i, seed=1)[0]) for i in range(200)}
    assert len(hashes) == 200
