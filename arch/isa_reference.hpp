// The reference semantics of the ISA: a plain functional interpreter of arch/isa.hpp, with
// no timing. Compiled programs run on it in tests and are compared with golden models; the
// RTL must produce the same DRAM contents.
#pragma once

#include <cstdint>
#include <vector>

#include "arch/hw_config.hpp"
#include "arch/isa.hpp"

namespace codesign::arch {

class ReferenceMachine {
 public:
  ReferenceMachine(const BuildConfig& b, std::size_t dram_bytes);

  std::vector<std::uint8_t>& dram() { return dram_; }
  const std::vector<std::uint8_t>& dram() const { return dram_; }
  // Runs the commands in order. Throws std::invalid_argument if a command fails
  // check_command, touches DRAM outside the vector, or keeps weights it does not hold.
  void run(const Program& p);
  void execute(const Command& c);

  // Little-endian two's-complement element helpers over dram().
  std::int64_t read_signed(std::uint64_t addr, int bytes) const;
  void write(std::uint64_t addr, int bytes, std::uint64_t value);

 private:
  void load(const Command& c);
  void store(const Command& c);
  void compute(const Command& c);
  std::uint64_t wrap(std::uint64_t v) const;
  void check_dram(std::uint64_t addr, int bytes) const;

  BuildConfig b_;
  std::vector<std::uint8_t> dram_;
  std::vector<std::int64_t> input_, weight_;  // entries * lanes, sign-extended data
  std::vector<std::uint64_t> acc_;            // entries * cols, modulo 2^acc_width
  std::vector<std::int64_t> held_weights_;    // rows * cols: the last WS preload
  std::uint32_t held_k_ = 0;                  // its k; 0 after an OS COMPUTE
};

}  // namespace codesign::arch
