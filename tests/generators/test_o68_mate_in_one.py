"""O-68 mate in one: valid samples, a checker that replays the move, a unique mate, levels."""

import chess
import pytest

from generators.kit import CheckFailed
from generators.tasks.o68_mate_in_one import decoys

from .conftest import VALIDATE, Gen

GEN = Gen("O-68_mate_in_one")


@pytest.mark.parametrize("index,video,params", VALIDATE[:3])
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def _mates(board, move):
    after = board.copy()
    after.push(move)
    return after.is_checkmate()


def test_checker_accepts_solver_answers_and_mate_is_unique():
    for puzzle, answer, _ in GEN.assert_solves(range(12)):
        board = chess.Board(puzzle["fen"])
        mates = [m for m in board.legal_moves if _mates(board, m)]
        assert [m.uci() for m in mates] == [answer["uci"]]


def test_piece_limit():
    for puzzle, _, _ in GEN.assert_solves(range(3), max_pieces=14):
        assert len(chess.Board(puzzle["fen"]).piece_map()) <= 14


def test_known_position():
    # after 1. f3 e5 2. g4 Black mates with Qh4 only
    fen = "rnbqkbnr/pppp1ppp/8/4p3/6P1/5P2/PPPPP2P/RNBQKBNR b - - 0 1"
    answer = GEN.solve({"fen": fen}, GEN.params())
    assert answer["san"] == "Qh4#"
    GEN.check({"fen": fen}, answer, GEN.params())
    # the picture shows no history: a position with castling rights is not a puzzle
    with pytest.raises(CheckFailed):
        GEN.check({"fen": fen.replace(" - - ", " KQkq - ")}, answer, GEN.params())


def test_puzzles_hold_no_history():
    """Castling rights and en passant squares cannot be seen, so puzzles have none."""
    for i in range(10):
        board = chess.Board(GEN.puzzle(i)["fen"])
        assert not board.castling_rights and board.ep_square is None


def test_checker_rejects_each_kind_of_wrong_fact():
    """The rubric states the move (piece, squares, notation) and that it mates."""
    puzzle, answer, params = GEN.instance(4)
    board = chess.Board(puzzle["fen"])
    other = next(m for m in board.legal_moves if m.uci() != answer["uci"])
    square = chess.square_name
    wrong = [
        {"uci": other.uci(), "san": board.san(other), "from": square(other.from_square),
         "to": square(other.to_square)},  # a legal move that does not mate
        {**answer, "san": answer["san"].rstrip("#")},  # the notation
        {**answer, "from": "a1" if answer["from"] != "a1" else "h8"},  # the from-square
        {**answer, "to": "a1" if answer["to"] != "a1" else "h8"},  # the to-square
        {**answer, "uci": "a1a1"},  # not a move
    ]  # fmt: skip
    for bad in wrong:
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)


def test_level_5_is_harder_than_level_1():
    """More pieces and more checking moves that do not mate (tempting wrong answers)."""
    easy = [chess.Board(GEN.puzzle(i, difficulty=1)["fen"]) for i in range(5)]
    hard = [chess.Board(GEN.puzzle(i, difficulty=5)["fen"]) for i in range(5)]
    assert all(decoys(b) <= 2 and len(b.piece_map()) <= 16 for b in easy)
    assert all(decoys(b) >= 6 for b in hard)
    assert sum(len(b.piece_map()) for b in hard) > sum(len(b.piece_map()) for b in easy)


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_answers():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=40)  # generation is the slow part: random games until a mate shows
