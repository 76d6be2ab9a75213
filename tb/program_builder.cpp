#include "tb/program_builder.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace codesign::tb {

using arch::BufferId;
using arch::Command;
using arch::Dataflow;

namespace {

std::uint32_t align64(std::size_t v) { return static_cast<std::uint32_t>((v + 63) / 64 * 64); }

void put(std::vector<std::uint8_t>& dram, std::size_t addr, std::int64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) dram[addr + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

}  // namespace

void check_tiling(const arch::BuildConfig& b, const Tiling& t) {
  auto fail = [](const std::string& what) { throw std::invalid_argument(what); };
  auto limit = [&](const char* key, int v, int max, const std::string& why) {
    if (v < 1 || v > max)
      fail(std::string(key) + " = " + std::to_string(v) + ": expected in [1, " +
           std::to_string(max) + "] (" + why + ")");
  };
  if (!b.supports(t.dataflow))
    fail(std::string("dataflow \"") + arch::to_string(t.dataflow) + "\" is not built into " +
         b.key());
  const bool os = t.dataflow == Dataflow::kOutputStationary;
  limit("n", t.tn, b.cols, "array columns");
  if (os) {
    limit("m", t.tm, b.rows, "array rows");
    limit("k", t.tk, std::min(b.input_entries(), b.weight_entries()),
          "input and weight buffer entries");
  } else {
    limit("k", t.tk, std::min(b.rows, b.weight_entries()), "array rows");
    limit("m", t.tm, std::min(b.input_entries(), b.acc_entries()),
          "input and accumulator buffer entries");
  }
  limit("m", t.tm, b.acc_entries(), "accumulator buffer entries");
}

TestProgram build_gemm(const arch::BuildConfig& b, const IntMatrix& a, const IntMatrix& w,
                       const Tiling& t) {
  check_tiling(b, t);
  const int M = static_cast<int>(a.rows()), K = static_cast<int>(a.cols()),
            N = static_cast<int>(w.cols());
  const int eb = b.data_width / 8, ab = b.acc_width / 8;
  const bool os = t.dataflow == Dataflow::kOutputStationary;
  TestProgram tp;
  const std::uint32_t base_a = 0, base_b = align64(std::size_t(M) * K * eb),
                      base_c = base_b + align64(std::size_t(K) * N * eb);
  tp.out_addr = base_c;
  tp.out_bytes = static_cast<std::uint32_t>(std::size_t(M) * N * ab);
  tp.dram.assign(base_c + align64(tp.out_bytes), 0);
  for (int m = 0; m < M; ++m)
    for (int k = 0; k < K; ++k) put(tp.dram, base_a + (std::size_t(m) * K + k) * eb, a(m, k), eb);
  for (int k = 0; k < K; ++k)
    for (int n = 0; n < N; ++n) put(tp.dram, base_b + (std::size_t(k) * N + n) * eb, w(k, n), eb);

  auto u = [](std::size_t v) { return static_cast<std::uint32_t>(v); };
  for (int m0 = 0; m0 < M; m0 += t.tm)
    for (int n0 = 0; n0 < N; n0 += t.tn) {
      const int mt = std::min(t.tm, M - m0), nt = std::min(t.tn, N - n0);
      for (int k0 = 0; k0 < K; k0 += t.tk) {
        const int kt = std::min(t.tk, K - k0);
        if (os)  // input vector t: column k0+t of A over rows m0.. (strided gather)
          tp.program.push_back(Command::load(BufferId::kInput, 0,
                                             u(base_a + (std::size_t(m0) * K + k0) * eb), u(kt),
                                             u(mt), u(K * eb), u(eb)));
        else  // input vector s: row m0+s of A over k0..
          tp.program.push_back(Command::load(BufferId::kInput, 0,
                                             u(base_a + (std::size_t(m0) * K + k0) * eb), u(mt),
                                             u(kt), u(eb), u(K * eb)));
        tp.program.push_back(Command::load(BufferId::kWeight, 0,
                                           u(base_b + (std::size_t(k0) * N + n0) * eb), u(kt),
                                           u(nt), u(eb), u(N * eb)));
        tp.program.push_back(Command::sync());
        tp.program.push_back(Command::compute(t.dataflow, 0, 0, 0, u(mt), u(nt), u(kt), k0 > 0));
        tp.program.push_back(Command::sync());
      }
      tp.program.push_back(Command::store(0, u(base_c + (std::size_t(m0) * N + n0) * ab), u(mt),
                                          u(nt), u(ab), u(N * ab)));
      tp.program.push_back(Command::sync());
    }
  return tp;
}

TestProgram build_conv(const arch::BuildConfig& b, const ConvShape& sh,
                       const std::vector<std::int64_t>& input,
                       const std::vector<std::int64_t>& weights, const Tiling& t) {
  check_tiling(b, t);
  const int eb = b.data_width / 8, ab = b.acc_width / 8;
  const int P = sh.p(), Q = sh.q(), Hp = sh.h + 2 * sh.pad, Wp = sh.w + 2 * sh.pad;
  const bool os = t.dataflow == Dataflow::kOutputStationary;
  TestProgram tp;
  const std::uint32_t base_i = 0, base_w = align64(std::size_t(Hp) * Wp * sh.c * eb),
                      base_o = base_w + align64(std::size_t(sh.r) * sh.s * sh.c * sh.k * eb);
  tp.out_addr = base_o;
  tp.out_bytes = static_cast<std::uint32_t>(std::size_t(P) * Q * sh.k * ab);
  tp.dram.assign(base_o + align64(tp.out_bytes), 0);
  // The host stores the input pre-padded, so every load address is in bounds.
  for (int h = 0; h < sh.h; ++h)
    for (int w = 0; w < sh.w; ++w)
      for (int c = 0; c < sh.c; ++c)
        put(tp.dram, base_i + ((std::size_t(h + sh.pad) * Wp + (w + sh.pad)) * sh.c + c) * eb,
            input[(std::size_t(h) * sh.w + w) * sh.c + c], eb);
  for (std::size_t i = 0; i < weights.size(); ++i) put(tp.dram, base_w + i * eb, weights[i], eb);

  auto u = [](std::size_t v) { return static_cast<std::uint32_t>(v); };
  auto in_addr = [&](int hp, int wp, int c) {
    return u(base_i + ((std::size_t(hp) * Wp + wp) * sh.c + c) * eb);
  };
  for (int p = 0; p < P; ++p)
    for (int q0 = 0; q0 < Q; q0 += t.tm)
      for (int n0 = 0; n0 < sh.k; n0 += t.tn) {
        const int mt = std::min(t.tm, Q - q0), nt = std::min(t.tn, sh.k - n0);
        bool first = true;
        for (int r = 0; r < sh.r; ++r)
          for (int s = 0; s < sh.s; ++s)
            for (int c0 = 0; c0 < sh.c; c0 += t.tk) {
              const int kt = std::min(t.tk, sh.c - c0);
              const int hp = p * sh.stride + r * sh.dilation, wp = q0 * sh.stride + s * sh.dilation;
              const std::uint32_t pixel_stride = u(std::size_t(sh.stride) * sh.c * eb);
              if (os)  // vector t: channel c0+t over pixels q0.. (stride apart)
                tp.program.push_back(Command::load(BufferId::kInput, 0, in_addr(hp, wp, c0), u(kt),
                                                   u(mt), pixel_stride, u(eb)));
              else  // vector j: pixel q0+j over channels c0..
                tp.program.push_back(Command::load(BufferId::kInput, 0, in_addr(hp, wp, c0), u(mt),
                                                   u(kt), u(eb), pixel_stride));
              tp.program.push_back(Command::load(
                  BufferId::kWeight, 0,
                  u(base_w + (((std::size_t(r) * sh.s + s) * sh.c + c0) * sh.k + n0) * eb), u(kt),
                  u(nt), u(eb), u(sh.k * eb)));
              tp.program.push_back(Command::sync());
              tp.program.push_back(
                  Command::compute(t.dataflow, 0, 0, 0, u(mt), u(nt), u(kt), !first));
              tp.program.push_back(Command::sync());
              first = false;
            }
        tp.program.push_back(
            Command::store(0, u(base_o + ((std::size_t(p) * Q + q0) * sh.k + n0) * ab), u(mt),
                           u(nt), u(ab), u(sh.k * ab)));
        tp.program.push_back(Command::sync());
      }
  return tp;
}

std::vector<std::int64_t> decode_outputs(const std::vector<std::uint8_t>& bytes, int acc_width) {
  const int ab = acc_width / 8;
  std::vector<std::int64_t> out(bytes.size() / ab);
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::uint64_t v = 0;
    for (int j = 0; j < ab; ++j) v |= static_cast<std::uint64_t>(bytes[i * ab + j]) << (8 * j);
    out[i] = wrap(static_cast<std::int64_t>(v), acc_width);
  }
  return out;
}

OutputCheck check_outputs(const std::vector<std::uint8_t>& bytes, int acc_width,
                          const std::vector<std::int64_t>& expected) {
  const std::vector<std::int64_t> got = decode_outputs(bytes, acc_width);
  OutputCheck c;
  c.outputs = expected.size();
  if (got.size() != expected.size()) {
    c.mismatches = expected.size();
    return c;
  }
  for (std::size_t i = 0; i < got.size(); ++i)
    if (got[i] != expected[i] && c.mismatches++ == 0) {
      c.first = i;
      c.got = got[i];
      c.want = expected[i];
    }
  return c;
}

std::string OutputCheck::describe() const {
  if (exact()) return std::to_string(outputs) + " outputs, all bit-exact";
  return std::to_string(mismatches) + " of " + std::to_string(outputs) +
         " outputs differ; first at " + std::to_string(first) + ": got " + std::to_string(got) +
         ", want " + std::to_string(want);
}

}  // namespace codesign::tb
