"""Mate in one: a chess position with exactly one checkmating move; the video plays it."""

from __future__ import annotations

import math

import chess

from generators.kit import (
    ERROR,
    HIGHLIGHT,
    INK,
    NAMED,
    Canvas,
    CheckFailed,
    Param,
    Task,
    easing,
    register,
    require,
)
from generators.kit.chess_pieces import draw_piece
from generators.kit.palette import lighten

SQ = 88
X0, Y0 = (1000 - 8 * SQ) / 2, 130
LIGHT_SQ = lighten(NAMED["brown"], 0.72)
DARK_SQ = lighten(NAMED["brown"], 0.3)
MIN_PLY, MAX_PLY = 16, 240


def mating_moves(board: chess.Board) -> list[chess.Move]:
    out = []
    for move in board.legal_moves:
        if not board.gives_check(move):
            continue
        board.push(move)
        if board.is_checkmate():
            out.append(move)
        board.pop()
    return out


def as_shown(board: chess.Board) -> chess.Board:
    """The position as the picture shows it: no history, so no castling rights and no en
    passant capture, and the move counters reset (they do not change the puzzle)."""
    shown = board.copy(stack=False)
    shown.castling_rights = chess.BB_EMPTY
    shown.ep_square = None
    shown.halfmove_clock, shown.fullmove_number = 0, 1
    return shown


def decoys(board: chess.Board) -> int:
    """Checking moves that do not mate: the tempting wrong answers of a mate in one."""
    return sum(1 for move in board.legal_moves if board.gives_check(move)) - 1


@register(
    "O-68_mate_in_one",
    title="Mate in one",
    description="Find and play the only move that checkmates at once in a chess position.",
    category="puzzles-logic",
    params=[
        Param("max_pieces", "int", 32, 12, 32, help="at most this many pieces on the board"),
        Param("min_decoys", "int", 0, 0, 8,
              help="at least this many other checking moves that do not mate"),
        Param("max_decoys", "int", 40, 0, 40,
              help="at most this many other checking moves that do not mate"),
    ],
    shard_size=60,
    memory="low",
    instances=375_000,  # measured lower bound (1500 draws, no repeat); far more exist
    faculty="knowledge",
    levels={
        1: {"max_pieces": 16, "max_decoys": 2},
        2: {"max_pieces": 24, "max_decoys": 4},
        3: {},
        4: {"min_decoys": 4},
        5: {"min_decoys": 6},
    },
)  # fmt: skip
class MateInOne(Task):
    def generate(self, rng, params):
        """Random playouts from the opening position; the first position of a playout where
        the side to move has exactly one mating move becomes the puzzle."""
        while True:
            board = chess.Board()
            for ply in range(MAX_PLY):
                moves = list(board.legal_moves)
                if not moves:
                    break
                # look every third move pair (both sides): a mate that appears in a random game
                # usually stays available for a while, and looking is what costs time
                looking = ply >= MIN_PLY and (ply // 2) % 3 == 0
                if looking and len(board.piece_map()) <= params["max_pieces"]:
                    shown = as_shown(board)
                    if (
                        len(mating_moves(shown)) == 1
                        and params["min_decoys"] <= decoys(shown) <= params["max_decoys"]
                    ):
                        return {"fen": shown.fen()}
                board.push(moves[int(rng.integers(len(moves)))])

    def solve(self, puzzle, params):
        board = chess.Board(puzzle["fen"])
        (move,) = mating_moves(board)
        return {
            "uci": move.uci(),
            "san": board.san(move),
            "from": chess.square_name(move.from_square),
            "to": chess.square_name(move.to_square),
        }

    def check(self, puzzle, answer, params):
        board = chess.Board(puzzle["fen"])
        require(board.is_valid(), "the position is not a legal chess position")
        require(board == as_shown(board), "castling rights or en passant are not in the picture")
        try:
            move = chess.Move.from_uci(answer["uci"])
        except (ValueError, TypeError, KeyError):
            raise CheckFailed("the answer is not a move in UCI notation") from None
        require(board.is_legal(move), f"{answer['uci']} is not a legal move here")
        require(board.san(move) == answer["san"], "the SAN does not match the move")
        require(chess.square_name(move.from_square) == answer["from"], "wrong from-square")
        require(chess.square_name(move.to_square) == answer["to"], "wrong to-square")
        board.push(move)
        require(board.is_checkmate(), f"{answer['san']} does not checkmate")
        board.pop()
        count = 0  # every other legal move must fail to mate
        for other in board.legal_moves:
            board.push(other)
            count += board.is_checkmate()
            board.pop()
        require(count == 1, f"{count} moves checkmate; the puzzle is not unique")

    def prompt(self, puzzle, params):
        board = chess.Board(puzzle["fen"])
        side = "White" if board.turn == chess.WHITE else "Black"
        return (
            "The image shows a chess position on a brown-and-cream board, seen from White's side "
            "(rank 1 at the bottom, files a to h from left to right). White pieces are drawn "
            "white with a black outline, Black pieces are drawn black. The text above the board "
            f"says {side} is to move; the position's history is unknown, so neither side may "
            "castle and no en passant capture is possible. Find the only move that checkmates immediately and play "
            "it: the moving piece slides from its square to the target square, capturing any "
            "piece standing there, and both squares of the move are highlighted in yellow. "
            "Every other piece stays where it is. The video ends on the mating position with "
            "the checkmated king's square shown in red and the move written below the board in "
            "algebraic notation."
        )

    def rubric(self, puzzle, answer, params):
        board = chess.Board(puzzle["fen"])
        side = "White" if board.turn == chess.WHITE else "Black"
        piece = chess.piece_name(board.piece_at(chess.parse_square(answer["from"])).piece_type)
        target = board.piece_at(chess.parse_square(answer["to"]))
        capture = (
            f", capturing the {chess.piece_name(target.piece_type)}" if target is not None else ""
        )
        return "\n".join([
            f"1. {side} plays exactly one move: the {piece} on {answer['from']} goes to "
            f"{answer['to']}{capture} ({answer['san']}).",
            "2. No other piece moves, appears or disappears (apart from a captured piece).",
            "3. The move is legal and the opposing king is checkmated: it is in check and has no "
            "legal reply.",
            f"4. The final frame shows the mating position, {answer['from']} and {answer['to']} "
            f"highlighted, the mated king's square in red and the text {answer['san']}.",
            "5. The board, its coordinates and the side-to-move text do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        board = chess.Board(puzzle["fen"])
        side = "White" if board.turn == chess.WHITE else "Black"
        move = chess.Move.from_uci(answer["uci"])
        mover = board.piece_at(move.from_square)

        def frame_for(b: chess.Board, marks=(), hidden=(), red=None) -> Canvas:
            cv = film.canvas()
            cv.text(500, 70, f"{side} to move: mate in one", size=52, bold=True)
            draw_board(cv, b, marks, hidden, red)
            return cv

        film.opening(frame_for(board))
        marks = (move.from_square, move.to_square)
        lifted = frame_for(board, marks, hidden=(move.from_square,))
        a, b = square_centre(move.from_square), square_centre(move.to_square)
        glide = math.dist(a, b) * easing.peak_speed(easing.ease_in_out) / easing.GLIDE_SPEED
        for t in easing.steps(film.seconds(max(0.6, glide)), easing.ease_in_out):
            frame = lifted.copy()
            x, y = easing.lerp_point(a, b, t)
            draw_piece(frame, mover.piece_type, mover.color, x, y, SQ * 1.08)
            film.add(frame)
        after = board.copy()
        after.push(move)
        king = after.king(after.turn)
        film.hold(frame_for(after, marks), 0.5)
        final = frame_for(after, marks, red=king)
        final.text(500, 925, answer["san"], size=56, fill=INK, bold=True)
        film.closing(final)


def square_centre(square: int) -> tuple[float, float]:
    f, r = chess.square_file(square), chess.square_rank(square)
    return (X0 + (f + 0.5) * SQ, Y0 + (7 - r + 0.5) * SQ)


def draw_board(cv: Canvas, board: chess.Board, marks=(), hidden=(), red=None) -> None:
    for sq in chess.SQUARES:
        f, r = chess.square_file(sq), chess.square_rank(sq)
        x, y = X0 + f * SQ, Y0 + (7 - r) * SQ
        color = LIGHT_SQ if (f + r) % 2 else DARK_SQ
        if sq in marks:
            color = lighten(HIGHLIGHT, 0.35) if (f + r) % 2 else HIGHLIGHT
        if sq == red:
            color = ERROR
        cv.rect(x, y, x + SQ, y + SQ, fill=color)
    cv.rect(X0, Y0, X0 + 8 * SQ, Y0 + 8 * SQ, outline=INK, width=4)
    for i in range(8):
        cv.text(X0 - 30, Y0 + (i + 0.5) * SQ, str(8 - i), size=40)
        cv.text(X0 + (i + 0.5) * SQ, Y0 + 8 * SQ + 32, "abcdefgh"[i], size=40)
    for sq, piece in sorted(board.piece_map().items()):
        if sq not in hidden:
            x, y = square_centre(sq)
            draw_piece(cv, piece.piece_type, piece.color, x, y, SQ)
