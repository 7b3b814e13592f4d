#!/usr/bin/env python3
"""Residual loss of packet FEC block shapes under the issue's loss models, by simulation (issue 9): how the FEC
scheme and its default shape were chosen, before any code.

    itests/bench/fec_shapes.py [--packets 200000] [--seed 1] [--frame-ms 5]

Candidates: Reed-Solomon over GF(2^8) (RFC 6865; an MDS code: a block of k source and r repair packets survives
the loss of any r of its k + r packets), with k + r packets per block and, optionally, d blocks interleaved
(source packet i of a group of k*d goes to block i mod d; the d*r repair packets follow the group); and FlexFEC's
2-D XOR parity (RFC 8627: L columns by D rows, a parity packet per row and per column, decoded by peeling).
Loss models: independent random loss of 1, 5, 10 and 20 %, and Gilbert's model (a bad state losing every packet,
left with probability 1/4 per packet: bursts of mean length 4) at 5 % on average, one chain over the source and
repair packets in the order they are sent. Printed per shape: overhead (repair over source packets), added delay
(the span of a group less one packet, in frames of --frame-ms) and the share of source packets that reach the
listener or are rebuilt. Plain Python, no packages: it does not run in the build.
"""
import argparse
import random


def random_loss(rate):
    def link(rnd):
        return lambda n: [rnd.random() < rate for _ in range(n)]
    return link


def gilbert(average, burst):
    """One chain of states over every packet the link carries, source and repair in the order they are sent, so a
    burst that takes a block's last packets goes on into its repairs and the next block, as on a real link."""
    leave = 1.0 / burst
    enter = average * leave / (1 - average)

    def link(rnd):
        bad = [rnd.random() < average]

        def take(n):
            out = []
            for _ in range(n):
                out.append(bad[0])
                bad[0] = (rnd.random() >= leave) if bad[0] else (rnd.random() < enter)
            return out
        return take
    return link


def reed_solomon(k, r, d, take, groups):
    total = unrecovered = 0
    for _ in range(groups):
        lost = take(k * d + r * d)
        source, repair = lost[:k * d], lost[k * d:]
        for block in range(d):
            missing = sum(source[block + i * d] for i in range(k))
            received = r - sum(repair[j * d + block] for j in range(r))
            total += k
            if missing > received:
                unrecovered += missing
    return total, unrecovered


def xor_2d(columns, rows, take, groups):
    total = unrecovered = 0
    for _ in range(groups):
        lost = take(columns * rows + rows + columns)
        grid = [[lost[r * columns + c] for c in range(columns)] for r in range(rows)]
        row_parity = lost[columns * rows:columns * rows + rows]
        column_parity = lost[columns * rows + rows:]
        changed = True
        while changed:
            changed = False
            for r in range(rows):
                missing = [c for c in range(columns) if grid[r][c]]
                if len(missing) == 1 and not row_parity[r]:
                    grid[r][missing[0]] = False
                    changed = True
            for c in range(columns):
                missing = [r for r in range(rows) if grid[r][c]]
                if len(missing) == 1 and not column_parity[c]:
                    grid[missing[0]][c] = False
                    changed = True
        total += columns * rows
        unrecovered += sum(sum(row) for row in grid)
    return total, unrecovered


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packets", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--frame-ms", type=float, default=5.0)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    models = [("random 1 %", random_loss(.01)), ("random 5 %", random_loss(.05)), ("random 10 %", random_loss(.10)),
              ("random 20 %", random_loss(.20)), ("bursts of 4 at 5 %", gilbert(.05, 4))]
    shapes = [("rs", 6, 3, 1), ("rs", 8, 4, 1), ("rs", 10, 5, 1), ("rs", 12, 6, 1), ("rs", 6, 4, 1),
              ("rs", 10, 6, 1), ("rs", 4, 2, 2), ("rs", 5, 3, 2), ("rs", 6, 3, 2), ("rs", 20, 10, 1),
              ("rs", 18, 10, 1), ("xor", 4, 4, 0), ("xor", 3, 3, 0), ("xor", 5, 2, 0), ("xor", 6, 2, 0),
              ("rs", 7, 6, 1), ("rs", 7, 7, 1), ("rs", 7, 10, 1), ("rs", 7, 14, 1)]
    print("| shape | overhead | added delay (ms) | " + " | ".join(name for name, _ in models) + " |")
    print("|---|---:|---:|" + "---:|" * len(models))
    for kind, a, b, depth in shapes:
        cells = []
        for _, link in models:
            if kind == "rs":
                span, overhead = a * depth, b / a
                total, unrecovered = reed_solomon(a, b, depth, link(rnd), args.packets // span)
            else:
                span, overhead = a * b, (a + b) / (a * b)
                total, unrecovered = xor_2d(a, b, link(rnd), args.packets // span)
            cells.append("%.3f %%" % (100 * (1 - unrecovered / total)))
        name = ("RS %d+%d" % (a, b) + (" depth %d" % depth if depth > 1 else "")) if kind == "rs" \
            else "2-D XOR %dx%d" % (a, b)
        print("| %s | %d %% | %.0f | %s |" % (name, round(100 * overhead), (span - 1) * args.frame_ms,
                                            " | ".join(cells)))


if __name__ == "__main__":
    main()
