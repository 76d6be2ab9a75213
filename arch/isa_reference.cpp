#include "arch/isa_reference.hpp"

#include <stdexcept>
#include <string>

namespace codesign::arch {

ReferenceMachine::ReferenceMachine(const BuildConfig& b, std::size_t dram_bytes)
    : b_(b),
      dram_(dram_bytes, 0),
      input_(static_cast<std::size_t>(b.input_entries()) * b.rows, 0),
      weight_(static_cast<std::size_t>(b.weight_entries()) * b.cols, 0),
      acc_(static_cast<std::size_t>(b.acc_entries()) * b.cols, 0),
      held_weights_(static_cast<std::size_t>(b.rows) * b.cols, 0) {}

void ReferenceMachine::run(const Program& p) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    try {
      execute(p[i]);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("program[" + std::to_string(i) + "]: " + e.what());
    }
  }
}

void ReferenceMachine::execute(const Command& c) {
  const std::string reason = check_command(c, b_);
  if (!reason.empty()) throw std::invalid_argument(reason);
  switch (c.op) {
    case Opcode::kLoad:
      load(c);
      break;
    case Opcode::kStore:
      store(c);
      break;
    case Opcode::kCompute:
      compute(c);
      break;
    case Opcode::kSync:
      break;  // commands already run one at a time
  }
}

void ReferenceMachine::check_dram(std::uint64_t addr, int bytes) const {
  if (addr + static_cast<std::uint64_t>(bytes) > dram_.size())
    throw std::invalid_argument("DRAM access at " + std::to_string(addr) + " beyond " +
                                std::to_string(dram_.size()) + " bytes");
}

std::int64_t ReferenceMachine::read_signed(std::uint64_t addr, int bytes) const {
  check_dram(addr, bytes);
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(dram_[addr + i]) << (8 * i);
  const int bits = 8 * bytes;
  if (bits < 64 && (v >> (bits - 1)) & 1) v |= ~std::uint64_t{0} << bits;
  return static_cast<std::int64_t>(v);
}

void ReferenceMachine::write(std::uint64_t addr, int bytes, std::uint64_t value) {
  check_dram(addr, bytes);
  for (int i = 0; i < bytes; ++i) dram_[addr + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::uint64_t ReferenceMachine::wrap(std::uint64_t v) const {
  return b_.acc_width >= 64 ? v : v & ((std::uint64_t{1} << b_.acc_width) - 1);
}

void ReferenceMachine::load(const Command& c) {
  const bool weight = c.buffer == BufferId::kWeight;
  const int lanes = weight ? b_.cols : b_.rows;
  std::vector<std::int64_t>& buf = weight ? weight_ : input_;
  const int bytes = b_.data_width / 8;
  for (std::uint32_t i = 0; i < c.count; ++i)
    for (int j = 0; j < lanes; ++j) {
      // Lane j is element u of rows wrap_len long (one row without wrap_len).
      const std::uint64_t u = c.wrap_start + static_cast<std::uint64_t>(j);
      const std::uint64_t row = c.wrap_len ? u / c.wrap_len : 0;
      const std::uint64_t col = c.wrap_len ? u % c.wrap_len : u;
      const std::uint64_t addr = std::uint64_t{c.dram_addr} + std::uint64_t{i} * c.vec_stride +
                                 (col - c.wrap_start) * c.elem_stride + row * c.wrap_stride;
      buf[(std::size_t{c.spad_addr} + i) * lanes + j] =
          j < static_cast<int>(c.vec_len) ? read_signed(addr, bytes) : 0;
    }
}

void ReferenceMachine::store(const Command& c) {
  const int bytes = b_.acc_width / 8;
  for (std::uint32_t i = 0; i < c.count; ++i)
    for (std::uint32_t j = 0; j < c.vec_len; ++j)
      write(std::uint64_t{c.dram_addr} + std::uint64_t{i} * c.vec_stride +
                std::uint64_t{j} * c.elem_stride,
            bytes, acc_[(std::size_t{c.spad_addr} + i) * b_.cols + j]);
}

void ReferenceMachine::compute(const Command& c) {
  const int rows = b_.rows, cols = b_.cols;
  const bool os = c.dataflow == Dataflow::kOutputStationary;
  auto in = [&](std::uint32_t vec, std::uint32_t lane) {
    return input_[(std::size_t{c.a_addr} + vec) * rows + lane];
  };
  auto wt = [&](std::uint32_t vec, std::uint32_t lane) {
    return weight_[(std::size_t{c.b_addr} + vec) * cols + lane];
  };
  if (!os && c.keep_weights && c.k > held_k_)
    throw std::invalid_argument(
        "keep_weights needs the previous COMPUTE to be weight-stationary "
        "with k >= " +
        std::to_string(c.k));
  if (!os && !c.keep_weights) held_k_ = c.k;
  if (os) held_k_ = 0;
  if (!os && !c.keep_weights)
    for (int r = 0; r < rows; ++r)
      for (int col = 0; col < cols; ++col)
        held_weights_[std::size_t(r) * cols + col] =
            r < static_cast<int>(c.k) ? wt(static_cast<std::uint32_t>(r), col) : 0;
  for (std::uint32_t row = 0; row < c.m; ++row) {
    for (int col = 0; col < cols; ++col) {
      std::uint64_t& out = acc_[(std::size_t{c.acc_addr} + row) * cols + col];
      std::uint64_t sum = c.accumulate ? out : 0;
      if (col < static_cast<int>(c.n))
        for (std::uint32_t t = 0; t < c.k; ++t) {
          const std::int64_t a = os ? in(t, row) : in(row, t);
          const std::int64_t w = os ? wt(t, col) : held_weights_[std::size_t(t) * cols + col];
          sum += static_cast<std::uint64_t>(a * w);
        }
      out = wrap(sum);
    }
  }
}

}  // namespace codesign::arch
