// The accelerator's command set: what a compiled program is, and exactly what each command
// does. The RTL (rtl/codesign_pkg.sv) decodes the same three-word encoding.
//
// Buffers hold vectors. An input-buffer vector has `rows` lanes of data_width bits, a
// weight-buffer vector `cols` lanes of data_width bits, an accumulator vector `cols` lanes
// of acc_width bits. DRAM is byte addressed; elements are little-endian two's complement.
//
// LOAD   buffer (input|weight), spad_addr, dram_addr, count, vec_len, elem_stride, vec_stride,
//        wrap_len, wrap_start, wrap_stride:
//        for i < count: vector spad_addr+i, lane j < vec_len  <- DRAM[dram_addr + i*vec_stride +
//        j*elem_stride]; lanes >= vec_len <- 0.            (vec_len <= lanes of that buffer)
//        With wrap_len L > 0 the lanes wrap across rows of L elements (an im2col gather): lane
//        j is element u = wrap_start + j, at dram_addr + i*vec_stride + (u mod L -
//        wrap_start)*elem_stride + (u div L)*wrap_stride (wrap_start < L). The load engine
//        requests each row segment of a vector separately.
// STORE  spad_addr, dram_addr, count, vec_len, elem_stride, vec_stride:
//        for i < count, j < vec_len: DRAM[dram_addr + i*vec_stride + j*elem_stride] <-
//        accumulator[spad_addr+i] lane j, acc_width/8 bytes.
// COMPUTE dataflow, a_addr, b_addr, acc_addr, m, n, k, accumulate, keep_weights:
//   output-stationary (m <= rows, n <= cols, k >= 1):
//        C[r][c] = sum_{t<k} input[a_addr+t][r] * weight[b_addr+t][c]      (r < m, c < n)
//        accumulator[acc_addr+r] lane c = (accumulate ? old : 0) + C[r][c]   for r < m
//   weight-stationary (k <= rows, n <= cols, m >= 1); weights W[r][c] = weight[b_addr+r][c]:
//        C[t][c] = sum_{r<k} input[a_addr+t][r] * W[r][c]                    (t < m, c < n)
//        accumulator[acc_addr+t] lane c = (accumulate ? old : 0) + C[t][c]   for t < m
//        keep_weights: reuse the weights of the previous COMPUTE (b_addr ignored) instead of
//        preloading them again; that COMPUTE must be weight-stationary with k at least this
//        one's (the reference interpreter rejects a program that breaks this).
//   Input lanes >= m (output-stationary) or >= k (weight-stationary) and weight lanes >= n
//   are masked to zero; accumulator lanes >= n hold old (accumulate) or 0. Sums wrap
//   modulo 2^acc_width.
// SYNC   waits until every engine is idle and its queue empty.
//
// Timing contract (what the analytical model mirrors): commands are dispatched in program
// order, one per cycle, into three engines with kCommandQueueDepth-deep queues — load
// (LOAD), execute (COMPUTE) and store (STORE) — which run concurrently; a full queue blocks
// dispatch, SYNC blocks it until all engines drain. Consecutive COMPUTEs overlap in the
// execute engine: the next streams in while the previous drains (rtl/exec_engine.sv), so a
// run of COMPUTEs costs about the sum of their max(streamed length, m) plus one fill and
// drain of the array. A program is therefore a sequence of
// SYNC-separated steps whose time is set by the slowest engine in each step (the
// calibrated cycle model of a step: mapping/timing.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"

namespace codesign::arch {

enum class Opcode : std::uint8_t { kLoad = 1, kCompute = 2, kStore = 3, kSync = 4 };
enum class BufferId : std::uint8_t { kInput = 0, kWeight = 1 };

struct Command {
  Opcode op = Opcode::kSync;
  // LOAD / STORE
  BufferId buffer = BufferId::kInput;
  std::uint32_t spad_addr = 0;
  std::uint32_t dram_addr = 0;
  std::uint32_t count = 0;
  std::uint32_t vec_len = 0;
  std::uint32_t elem_stride = 0;
  std::uint32_t vec_stride = 0;
  std::uint32_t wrap_len = 0, wrap_start = 0, wrap_stride = 0;  // LOAD only
  // COMPUTE
  Dataflow dataflow = Dataflow::kOutputStationary;
  bool accumulate = false;
  bool keep_weights = false;
  std::uint32_t a_addr = 0, b_addr = 0, acc_addr = 0;
  std::uint32_t m = 0, n = 0, k = 0;

  static Command load(BufferId buf, std::uint32_t spad, std::uint32_t dram, std::uint32_t count,
                      std::uint32_t vec_len, std::uint32_t elem_stride, std::uint32_t vec_stride);
  // The same with its lanes wrapping across rows of wrap_len elements.
  Command wrapped(std::uint32_t len, std::uint32_t start, std::uint32_t stride) const;
  // Read requests one vector of this LOAD takes (its row segments).
  std::uint32_t segments_per_vector() const;
  static Command store(std::uint32_t spad, std::uint32_t dram, std::uint32_t count,
                       std::uint32_t vec_len, std::uint32_t elem_stride, std::uint32_t vec_stride);
  static Command compute(Dataflow df, std::uint32_t a, std::uint32_t b, std::uint32_t acc,
                         std::uint32_t m, std::uint32_t n, std::uint32_t k, bool accumulate,
                         bool keep_weights = false);
  static Command sync();
  bool operator==(const Command& o) const;
};

using Program = std::vector<Command>;
using EncodedCommand = std::array<std::uint64_t, 3>;

// The fields of the encoding (codesign_pkg::cmd_t): `width` bits at bit `lsb` of the
// 192-bit {w2, w1, w0}; none crosses a word.
struct CommandField {
  const char* name;
  unsigned lsb, width;
};
inline constexpr CommandField kFieldOp{"op", 0, 8}, kFieldFlags{"flags", 8, 8},
    kFieldAddr0{"addr0", 16, 16}, kFieldAddr1{"addr1", 32, 16}, kFieldAddr2{"addr2", 48, 16},
    kFieldDramAddr{"dram_addr", 64, 32}, kFieldLen0{"len0", 96, 16}, kFieldLen1{"len1", 112, 16},
    kFieldLen2{"len2", 128, 16}, kFieldElemStride{"elem_stride", 144, 16},
    kFieldVecStride{"vec_stride", 160, 32};
inline constexpr CommandField kCommandFields[] = {
    kFieldOp,   kFieldFlags, kFieldAddr0, kFieldAddr1,      kFieldAddr2,    kFieldDramAddr,
    kFieldLen0, kFieldLen1,  kFieldLen2,  kFieldElemStride, kFieldVecStride};
// Bits of the flags field (LOAD: buffer; COMPUTE: accumulate, keep_weights, dataflow).
inline constexpr unsigned kFlagWeightBuffer = 0, kFlagAccumulate = 0, kFlagKeepWeights = 1,
                          kFlagWeightStationary = 2;

// Field widths of the encoding; values beyond them are rejected by check_command.
inline constexpr std::uint32_t kMaxSpadAddr = 0xFFFF;
inline constexpr std::uint32_t kMaxCount = 0xFFFF;
inline constexpr std::uint32_t kMaxElemStride = 0xFFFF;

EncodedCommand encode(const Command& c);
Command decode(const EncodedCommand& w);

// Checks one command against a hardware build (lanes, buffer bounds, dataflow built, field
// widths); returns an empty string when valid, else the reason.
std::string check_command(const Command& c, const BuildConfig& b);
// Checks every command; throws std::invalid_argument naming the first bad command's index.
void check_program(const Program& p, const BuildConfig& b);

nlohmann::json to_json(const Command& c);
Command command_from_json(const nlohmann::json& j, const std::string& path);
nlohmann::json to_json(const Program& p);
Program program_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace codesign::arch
