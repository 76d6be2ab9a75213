// rtl/pe_array.sv (3 x 4 PEs, 8-bit operands, 32-bit sums) computing matrix products, both
// dataflows, tile after tile, checked element by element at the cycle each result leaves the
// bottom row against a C++ matrix product. The harness drives the array's edges as its
// contract describes (pe.sv, pe_array.sv): operands skewed by row and column, tile marks
// travelling with the first operands, output-stationary drains, weight-stationary preloads
// over the column buses during the previous tile's stream. Random tile shapes (edge tiles
// included) and random idle gaps between tiles (the array's stalls: it has no handshake);
// phases alternate between the dataflows (output-stationary after weight-stationary clears
// the accumulators first).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "Vpe_array.h"
#include "tests/rtl/modules/module_sim.hpp"

namespace codesign::rtl_modules::pe_array {
namespace {

constexpr int kRows = 3, kCols = 4, kDataW = 8, kAccW = 32, kRowW = 2, kLaneW = 7;

// What the array's edges see in one cycle; the expected bottom-row outputs of that cycle.
struct Edges {
  std::array<std::int8_t, kRows> a{};
  std::array<bool, kRows> first{};
  std::array<std::int8_t, kCols> b{};  // output-stationary operands or the weight bus
  std::array<bool, kCols> w_valid{}, drain{};
  std::array<int, kCols> w_row{}, drain_rows{};
  bool os = false, clear = false;
  std::array<std::optional<std::uint32_t>, kCols> expect{};
};

using Matrix = std::vector<std::vector<int>>;

Matrix random_matrix(Random& rnd, int rows, int cols, int pad_rows, int pad_cols) {
  Matrix m(pad_rows, std::vector<int>(pad_cols, 0));
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m[i][j] = static_cast<int>(rnd.range(-128, 127));
  return m;
}

// The reference: C = A * B with sums modulo 2^AccW.
std::uint32_t dot(const Matrix& a, int i, const Matrix& b, int j, int len) {
  std::uint32_t s = 0;
  for (int t = 0; t < len; ++t) s += static_cast<std::uint32_t>(a[i][t] * b[t][j]);
  return s;
}

class Schedule {
 public:
  Edges& at(int cycle) {
    if (cycle >= static_cast<int>(cycles_.size())) cycles_.resize(cycle + 1);
    return cycles_[cycle];
  }
  void set_mode(int from, int to, bool os) {
    for (int t = from; t < to; ++t) at(t).os = os;
  }
  const std::vector<Edges>& cycles() const { return cycles_; }
  int checks = 0;

 private:
  std::vector<Edges> cycles_;
};

// Output-stationary tiles from cycle t0: A (m x k) over the bottom m rows, B (k x n) over
// columns; returns the first cycle after the phase.
int os_phase(Schedule& s, Random& rnd, int t0, int tiles, int max_gap) {
  s.at(t0).clear = true;  // zero what a weight-stationary phase left in the accumulators
  int start = t0 + 1;
  std::vector<int> starts, ms;
  std::vector<Matrix> as, bs;
  for (int i = 0; i < tiles; ++i) {
    const int m = static_cast<int>(rnd.range(1, kRows)), n = static_cast<int>(rnd.range(1, kCols));
    const int k = static_cast<int>(rnd.range(1, 10));
    as.push_back(random_matrix(rnd, m, k, m, k));
    bs.push_back(random_matrix(rnd, k, n, k, kCols));
    // Tile i-2's drain (m rows, from boundary i-1 on) must pass before the rows capture
    // again at boundary i.
    if (i >= 2) start = std::max(start, starts.back() + ms[i - 2]);
    starts.push_back(start);
    ms.push_back(m);
    for (int t = 0; t < k; ++t) {
      for (int r = 0; r < m; ++r) s.at(start + t + kRows - m + r).a[kRows - m + r] = as[i][r][t];
      for (int c = 0; c < kCols; ++c) s.at(start + t + c).b[c] = bs[i][t][c];
    }
    start += k + static_cast<int>(rnd.range(0, max_gap));
  }
  // The closing boundary.
  starts.push_back(tiles >= 2 ? std::max(start, starts.back() + ms[tiles - 2]) : start);
  int end = 0;
  for (int i = 0; i <= tiles; ++i)
    for (int r = 0; r < kRows; ++r) s.at(starts[i] + r).first[r] = true;
  for (int i = 0; i < tiles; ++i) {
    const int m = ms[i], k = static_cast<int>(as[i][0].size());
    for (int c = 0; c < kCols; ++c) {
      const int d = starts[i + 1] + kRows + c;
      s.at(d).drain[c] = true;
      s.at(d).drain_rows[c] = m;
      for (int j = 0; j < m; ++j) {
        s.at(d + j).expect[c] = dot(as[i], m - 1 - j, bs[i], c, k);
        ++s.checks;
      }
      end = std::max(end, d + m);
    }
  }
  s.set_mode(t0, end, true);
  return end;
}

// Weight-stationary tiles from cycle t0: W (k x n) preloaded into rows < k, X (m x k)
// streamed; returns the first cycle after the phase.
int ws_phase(Schedule& s, Random& rnd, int t0, int tiles, int max_gap) {
  int preload = t0, start = t0 + 1, prev_start = t0, prev_k = 0, end = 0;
  for (int i = 0; i < tiles; ++i) {
    const int m = static_cast<int>(rnd.range(1, 10)), n = static_cast<int>(rnd.range(1, kCols));
    const int k = static_cast<int>(rnd.range(1, kRows));
    const Matrix x = random_matrix(rnd, m, k, m, kRows);
    const Matrix w = random_matrix(rnd, k, n, k, kCols);
    // The preload writes PE (r, c) at preload + r + c: after the previous tile swapped its
    // weights in (prev_start + r + c) and its own preload, before this tile's swap.
    preload = std::max(prev_start, preload + prev_k);
    start = std::max(start, preload + 1);
    for (int r = 0; r < k; ++r)
      for (int c = 0; c < kCols; ++c) {
        Edges& e = s.at(preload + r + c);
        e.w_valid[c] = true;
        e.w_row[c] = r;
        e.b[c] = static_cast<std::int8_t>(w[r][c]);
      }
    for (int t = 0; t < m; ++t) {
      for (int r = 0; r < kRows; ++r) s.at(start + t + r).a[r] = static_cast<std::int8_t>(x[t][r]);
      for (int c = 0; c < kCols; ++c) {
        s.at(start + t + kRows + c).expect[c] = dot(x, t, w, c, k);
        ++s.checks;
      }
    }
    for (int r = 0; r < kRows; ++r) s.at(start + r).first[r] = true;
    end = start + m + kRows + kCols;
    prev_start = start;
    prev_k = k;
    start += m + static_cast<int>(rnd.range(0, max_gap));
  }
  s.set_mode(t0, end, false);
  return end;
}

TEST(PeArrayModule, ComputesMatrixProductsInBothDataflows) {
  Random rnd(31);
  Schedule s;
  int t = 0;
  for (int phase = 0; phase < 160; ++phase) {
    const int max_gap = phase % 4 == 0 ? 0 : 3;  // back to back, or random idle cycles
    t = phase % 2 == 0 ? os_phase(s, rnd, t, 25, max_gap) : ws_phase(s, rnd, t, 25, max_gap);
  }

  ModuleSim<Vpe_array> sim;
  Vpe_array& io = sim.io();
  io.os_i = 1;
  io.clear_i = 0;
  io.a_edge_i = io.first_edge_i = io.b_edge_i = io.w_valid_i = io.w_row_i = io.drain_i = 0;
  io.drain_rows_i = 0;
  sim.reset();
  int checked = 0;
  for (int cycle = 0; cycle < static_cast<int>(s.cycles().size()); ++cycle) {
    const Edges& e = s.cycles()[cycle];
    std::uint32_t a = 0, first = 0, b = 0, w_valid = 0, w_row = 0, drain = 0, drain_rows = 0;
    for (int r = 0; r < kRows; ++r) {
      a |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(e.a[r])) << (r * kDataW);
      first |= static_cast<std::uint32_t>(e.first[r]) << r;
    }
    for (int c = 0; c < kCols; ++c) {
      b |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(e.b[c])) << (c * kDataW);
      w_valid |= static_cast<std::uint32_t>(e.w_valid[c]) << c;
      w_row |= static_cast<std::uint32_t>(e.w_row[c]) << (c * kRowW);
      drain |= static_cast<std::uint32_t>(e.drain[c]) << c;
      drain_rows |= static_cast<std::uint32_t>(e.drain_rows[c]) << (c * kLaneW);
    }
    io.os_i = e.os;
    io.clear_i = e.clear;
    io.a_edge_i = a;
    io.first_edge_i = first;
    io.b_edge_i = b;
    io.w_valid_i = w_valid;
    io.w_row_i = w_row;
    io.drain_i = drain;
    io.drain_rows_i = drain_rows;
    sim.settle();
    for (int c = 0; c < kCols; ++c) {
      if (!e.expect[c]) continue;
      ASSERT_EQ(get_bits(io.result_o, c * kAccW, kAccW), *e.expect[c])
          << "cycle " << cycle << " column " << c << (e.os ? " (OS)" : " (WS)");
      ++checked;
    }
    sim.step();
    ASSERT_FALSE(sim.assertion_failed()) << "cycle " << cycle;
  }
  EXPECT_EQ(checked, s.checks);
  EXPECT_GT(checked, 50000);
}

}  // namespace
}  // namespace codesign::rtl_modules::pe_array
