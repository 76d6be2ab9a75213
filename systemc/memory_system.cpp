#include "systemc/memory_system.hpp"

#include <algorithm>
#include <cmath>

namespace codesign::systemc {

MemorySystem::MemorySystem(sc_core::sc_module_name name, AccelSignals& s, const arch::HwConfig& hw)
    : sc_core::sc_module(name),
      s_(s),
      elem_bytes_(hw.build.data_width / 8),
      acc_bytes_(hw.build.acc_width / 8),
      bytes_per_cycle_(hw.run.dram_bytes_per_cycle),
      latency_(static_cast<std::uint64_t>(hw.run.dram_latency_cycles)) {
  SC_METHOD(on_clock);
  sensitive << s_.clk.posedge_event();
  dont_initialize();
}

void MemorySystem::start_job(std::vector<std::uint8_t> dram, double stall_probability,
                             std::uint64_t seed) {
  dram_ = std::move(dram);
  responses_.clear();
  presenting_ = false;
  channel_free_at_ = static_cast<double>(cycle_);
  read_bytes_ = write_bytes_ = 0;
  stall_probability_ = stall_probability;
  rng_.seed(seed);
  fault_.clear();
}

bool MemorySystem::idle() const {
  return responses_.empty() && channel_free_at_ <= static_cast<double>(cycle_);
}

bool MemorySystem::stall() {
  return stall_probability_ > 0 &&
         std::uniform_real_distribution<double>(0, 1)(rng_) < stall_probability_;
}

bool MemorySystem::in_bounds(std::uint64_t addr, std::uint64_t len, std::uint64_t stride,
                             std::uint64_t size) {
  const std::uint64_t last = addr + (len ? (len - 1) * stride : 0) + size;
  if (last <= dram_.size()) return true;
  if (fault_.empty())
    fault_ = "memory access [" + std::to_string(addr) + ", " + std::to_string(last) +
             ") beyond DRAM of " + std::to_string(dram_.size()) + " bytes";
  return false;
}

double MemorySystem::occupy_channel(std::uint64_t bytes) {
  channel_free_at_ = std::max(channel_free_at_, static_cast<double>(cycle_)) +
                     static_cast<double>(bytes) / bytes_per_cycle_;
  return channel_free_at_;
}

void MemorySystem::accept_write() {
  const std::uint64_t addr = s_.wr_addr.read(), len = s_.wr_len.read(),
                      stride = s_.wr_stride.read();
  occupy_channel(len * acc_bytes_);
  write_bytes_ += len * acc_bytes_;
  if (!in_bounds(addr, len, stride, acc_bytes_)) return;
  const sc_dt::sc_bv<kWrDataBits>& data = s_.wr_data.read();
  for (std::uint64_t j = 0; j < len; ++j) {
    const std::uint32_t lane = data.get_word(static_cast<int>(j));  // 32-bit lane pitch
    for (int b = 0; b < acc_bytes_; ++b)
      dram_[addr + j * stride + b] = static_cast<std::uint8_t>(lane >> (8 * b));
  }
}

void MemorySystem::accept_read() {
  const std::uint64_t addr = s_.rd_req_addr.read(), len = s_.rd_req_len.read(),
                      stride = s_.rd_req_stride.read();
  const double done = occupy_channel(len * elem_bytes_);
  read_bytes_ += len * elem_bytes_;
  Response r{static_cast<std::uint64_t>(std::ceil(done)) + latency_, {}};
  if (in_bounds(addr, len, stride, elem_bytes_)) {
    // Lanes have a 16-bit pitch; two lanes per 32-bit word.
    for (std::uint64_t j = 0; j < len; ++j) {
      std::uint32_t v = dram_[addr + j * stride];
      if (elem_bytes_ == 2) v |= static_cast<std::uint32_t>(dram_[addr + j * stride + 1]) << 8;
      const int word = static_cast<int>(j / 2);
      r.data.set_word(word, r.data.get_word(word) | (v << (16 * (j % 2))));
    }
  }
  responses_.push_back(std::move(r));
}

void MemorySystem::on_clock() {
  ++cycle_;
  // Handshakes completed at this edge (both sides sample the values before the edge).
  if (s_.wr_valid.read() && s_.wr_ready.read()) accept_write();
  if (s_.rd_req_valid.read() && s_.rd_req_ready.read()) accept_read();
  if (s_.rd_rsp_valid.read() && s_.rd_rsp_ready.read()) {
    responses_.pop_front();
    presenting_ = false;
  }

  // Outputs for the coming cycle.
  const bool backlogged = channel_free_at_ - static_cast<double>(cycle_) > kMaxBacklogCycles;
  s_.rd_req_ready.write(!backlogged && responses_.size() < kMaxOutstandingReads && !stall());
  s_.wr_ready.write(!backlogged && !stall());
  const bool ready = !responses_.empty() && responses_.front().ready_cycle <= cycle_;
  if (ready && !presenting_) {
    s_.rd_rsp_data.write(responses_.front().data);
    presenting_ = true;
  }
  // A stall may delay a response, never withdraw one presented and not yet taken (the
  // load engine asserts that valid is held).
  const bool untaken = s_.rd_rsp_valid.read() && !s_.rd_rsp_ready.read();
  s_.rd_rsp_valid.write(ready && (untaken || !stall()));
}

}  // namespace codesign::systemc
