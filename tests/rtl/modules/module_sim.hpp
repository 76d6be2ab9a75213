// A Verilated RTL module under test, clocked from C++: the caller sets inputs, calls settle()
// to see the combinational outputs of this cycle, then step() for the rising clock edge.
// Assertions are compiled in (--assert); a failing one is recorded in the context instead
// of aborting the process, so that a test can check that none fired (or that one did).
#pragma once

#include <verilated.h>

#include <cstdint>
#include <memory>
#include <random>

namespace codesign::rtl_modules {

template <typename Model>
class ModuleSim {
 public:
  ModuleSim() : context_(std::make_unique<VerilatedContext>()) {
    context_->fatalOnError(false);
    model_ = std::make_unique<Model>(context_.get(), "dut");
  }
  ~ModuleSim() { model_->final(); }

  Model& io() { return *model_; }
  void settle() { model_->eval(); }
  // The rising edge, then the clock low again (inputs set by the caller are sampled).
  void step() {
    model_->clk_i = 1;
    model_->eval();
    model_->clk_i = 0;
    model_->eval();
    ++cycle_;
  }
  // Two cycles in reset; the caller holds the other inputs at their idle values.
  void reset() {
    model_->clk_i = 0;
    model_->rst_ni = 0;
    model_->eval();
    step();
    step();
    model_->rst_ni = 1;
    model_->eval();
  }
  bool assertion_failed() const { return context_->gotError(); }
  std::uint64_t cycle() const { return cycle_; }

 private:
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Model> model_;
  std::uint64_t cycle_ = 0;
};

// Bits [lsb, lsb + width) of a Verilator wide signal (width <= 64).
template <typename Wide>
std::uint64_t get_bits(const Wide& w, int lsb, int width) {
  std::uint64_t v = 0;
  for (int i = 0; i < width; ++i)
    v |= static_cast<std::uint64_t>((w[(lsb + i) / 32] >> ((lsb + i) % 32)) & 1u) << i;
  return v;
}
template <typename Wide>
void set_bits(Wide& w, int lsb, int width, std::uint64_t value) {
  for (int i = 0; i < width; ++i) {
    const std::uint32_t bit = 1u << ((lsb + i) % 32);
    if ((value >> i) & 1u)
      w[(lsb + i) / 32] |= bit;
    else
      w[(lsb + i) / 32] &= ~bit;
  }
}

// Random stimuli from a fixed seed per test.
class Random {
 public:
  explicit Random(std::uint32_t seed) : gen_(seed) {}
  bool chance(double p) { return std::bernoulli_distribution(p)(gen_); }
  std::int64_t range(std::int64_t lo, std::int64_t hi) {  // inclusive
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(gen_);
  }
  std::uint64_t bits(int width) {
    const std::uint64_t v = gen_();
    return width >= 64 ? v : v & ((std::uint64_t{1} << width) - 1);
  }

 private:
  std::mt19937_64 gen_;
};

}  // namespace codesign::rtl_modules
