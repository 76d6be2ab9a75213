// DRAM and the DMA in front of it. The DMA gathers a read request (len elements of
// data_width bits, elem_stride bytes apart) into one response vector and scatters a write
// (len accumulator lanes) into DRAM. One channel serves reads and writes in arrival order
// at bytes_per_cycle; read data returns latency_cycles after its transfer ends. A backlog
// limit on the channel gives back-pressure; optional random stalls test the RTL's
// handshakes.
#pragma once

#include <systemc.h>

#include <cstdint>
#include <deque>
#include <random>
#include <vector>

#include "arch/hw_config.hpp"
#include "systemc/accel_signals.hpp"

namespace codesign::systemc {

class MemorySystem : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(MemorySystem);
  MemorySystem(sc_core::sc_module_name name, AccelSignals& s, const arch::HwConfig& hw);

  // Replaces DRAM contents and resets the channel and counters for a new job.
  void start_job(std::vector<std::uint8_t> dram, double stall_probability, std::uint64_t seed);
  bool idle() const;  // nothing queued, in flight or still being written
  const std::vector<std::uint8_t>& dram() const { return dram_; }
  std::uint64_t read_bytes() const { return read_bytes_; }
  std::uint64_t write_bytes() const { return write_bytes_; }
  // A request touched memory outside DRAM; the job fails with this reason.
  const std::string& fault() const { return fault_; }

 private:
  struct Response {
    std::uint64_t ready_cycle;
    sc_dt::sc_bv<kRdDataBits> data;
  };

  void on_clock();
  void accept_read();
  void accept_write();
  double occupy_channel(std::uint64_t bytes);
  bool in_bounds(std::uint64_t addr, std::uint64_t len, std::uint64_t stride, std::uint64_t size);
  bool stall();

  AccelSignals& s_;
  const int elem_bytes_, acc_bytes_;
  const double bytes_per_cycle_;
  const std::uint64_t latency_;
  static constexpr std::size_t kMaxOutstandingReads = 64;
  static constexpr double kMaxBacklogCycles = 64;

  std::vector<std::uint8_t> dram_;
  std::deque<Response> responses_;
  bool presenting_ = false;  // rd_rsp_data holds responses_.front()
  double channel_free_at_ = 0;
  std::uint64_t cycle_ = 0;
  std::uint64_t read_bytes_ = 0, write_bytes_ = 0;
  double stall_probability_ = 0;
  std::mt19937_64 rng_;
  std::string fault_;
};

}  // namespace codesign::systemc
