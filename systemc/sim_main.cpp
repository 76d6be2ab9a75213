// The simulator process of one Verilated configuration: reads a job file, runs each job
// from reset on the accelerator + memory system, writes counters and DRAM dumps.
//   usage: <sim> --job JOB.json --out RESULT.json
#include <systemc.h>
#include <verilated.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>

#include "systemc/accel_model.hpp"
#include "systemc/memory_system.hpp"
#include "systemc/program_driver.hpp"
#include "systemc/sim_job.hpp"
#include "util/atomic_file.hpp"
#include "util/json_reader.hpp"

namespace codesign::systemc {
namespace {

std::vector<std::uint8_t> read_image(const std::string& file, std::uint32_t bytes) {
  std::vector<std::uint8_t> dram(bytes, 0);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file + ": cannot open DRAM image");
  in.read(reinterpret_cast<char*>(dram.data()), bytes);
  return dram;
}

void write_dump(const std::vector<std::uint8_t>& dram, const DramDump& d) {
  std::ofstream out(d.file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(dram.data() + d.addr), d.bytes);
  if (!out) throw std::runtime_error(d.file + ": cannot write DRAM dump");
}

class JobRunner : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(JobRunner);
  JobRunner(sc_core::sc_module_name name, AccelSignals& s, MemorySystem& mem, ProgramDriver& driver,
            const SimJobFile& jobs, std::string out_file)
      : sc_core::sc_module(name),
        s_(s),
        mem_(mem),
        driver_(driver),
        jobs_(jobs),
        out_file_(std::move(out_file)) {
    SC_THREAD(run);
  }
  std::vector<SimJobResult> results;

 private:
  void cycles(int n) {
    for (int i = 0; i < n; ++i) wait(s_.clk.posedge_event());
  }

  void run() {
    for (const SimJob& job : jobs_.jobs) {
      const auto t0 = std::chrono::steady_clock::now();
      SimJobResult r;
      try {
        r = run_job(job);
      } catch (const std::exception& e) {
        r.status = SimStatus::kError;
        r.reason = e.what();
      }
      r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      results.push_back(r);
      // After every job: if the process is killed later, the caller still knows which jobs
      // finished and which one was running.
      util::write_file_atomic(out_file_, to_json(results).dump(1) + "\n");
      if (r.status != SimStatus::kOk) break;  // the RTL state is unknown: stop here
    }
    sc_core::sc_stop();
  }

  std::uint64_t counter(std::uint32_t index) {
    s_.ctr_sel.write(index);
    // ctr_o is a combinational mux: let the select propagate through the model.
    for (int i = 0; i < 3; ++i) wait(sc_core::SC_ZERO_TIME);
    return s_.ctr.read();
  }

  SimJobResult run_job(const SimJob& job) {
    arch::check_program(job.program, jobs_.hw.build);
    s_.ctr_sel.write(kCtrNone);
    s_.rst_n.write(false);
    cycles(2);
    s_.rst_n.write(true);
    mem_.start_job(read_image(job.dram_image, job.dram_bytes), job.stall_probability, job.seed);
    s_.clear_counters.write(true);
    cycles(1);
    s_.clear_counters.write(false);

    const sc_core::sc_time start = sc_core::sc_time_stamp();
    const sc_core::sc_time limit = s_.clk.period() * static_cast<double>(job.max_cycles);
    SimJobResult r;
    r.status = SimStatus::kOk;
    driver_.start(job.program);
    wait(limit, driver_.all_sent());
    cycles(1);  // let the last accepted command reach its queue
    while (!(s_.idle.read() && mem_.idle()) && mem_.fault().empty()) {
      if (sc_core::sc_time_stamp() - start >= limit) break;
      if (!s_.idle.read())
        wait(limit - (sc_core::sc_time_stamp() - start), s_.idle.posedge_event());
      else
        cycles(1);
    }
    if (!mem_.fault().empty()) {
      r.status = SimStatus::kError;
      r.reason = mem_.fault();
    } else if (s_.error.read()) {
      r.status = SimStatus::kError;
      r.reason = "the accelerator flagged an unknown opcode";
    } else if (!(s_.idle.read() && mem_.idle())) {
      r.status = SimStatus::kTimeout;
      r.reason = "not finished after " + std::to_string(job.max_cycles) + " cycles (" +
                 std::to_string(driver_.sent()) + " of " + std::to_string(job.program.size()) +
                 " commands accepted)";
    }

    arch::ActionCounts& a = r.counts;
    a.cycles = counter(kCtrCycles);
    a.macs = counter(kCtrMacs);
    a.zero_macs = counter(kCtrZeroMacs);
    a.input_toggles = counter(kCtrInputToggles);
    a.weight_toggles = counter(kCtrWeightToggles);
    a.input_reads = counter(kCtrInputReads);
    a.input_writes = counter(kCtrInputWrites);
    a.weight_reads = counter(kCtrWeightReads);
    a.weight_writes = counter(kCtrWeightWrites);
    a.acc_reads = counter(kCtrAccReads);
    a.acc_writes = counter(kCtrAccWrites);
    a.exec_busy_cycles = counter(kCtrExecBusy);
    a.load_busy_cycles = counter(kCtrLoadBusy);
    a.store_busy_cycles = counter(kCtrStoreBusy);
    a.bank_conflict_stalls = counter(kCtrBankConflicts);
    a.dram_stall_cycles = counter(kCtrDramStall);
    a.idle_cycles = counter(kCtrIdle);
    s_.ctr_sel.write(kCtrNone);
    a.dram_read_bytes = mem_.read_bytes();
    a.dram_write_bytes = mem_.write_bytes();
    if (r.status == SimStatus::kOk)
      for (const DramDump& d : job.dumps) write_dump(mem_.dram(), d);
    return r;
  }

  AccelSignals& s_;
  MemorySystem& mem_;
  ProgramDriver& driver_;
  const SimJobFile& jobs_;
  std::string out_file_;
};

int run(int argc, char** argv) {
  std::string job_file, out_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--job")
      job_file = argv[i + 1];
    else if (flag == "--out")
      out_file = argv[i + 1];
  }
  if (job_file.empty() || out_file.empty()) {
    std::cerr << "usage: " << argv[0] << " --job JOB.json --out RESULT.json\n";
    return 2;
  }
  const SimJobFile jobs = sim_job_file_from_json(util::read_json_file(job_file), job_file);
  if (jobs.hw.build.key() != accel_build_key()) {
    std::cerr << job_file << ": hw: build " << jobs.hw.build.key()
              << " does not match this simulator's " << accel_build_key() << "\n";
    return 2;
  }
  AccelSignals signals;
  std::unique_ptr<AccelModel> model = make_accel_model(signals);
  MemorySystem memory("memory", signals, jobs.hw);
  ProgramDriver driver("driver", signals);
  JobRunner runner("runner", signals, memory, driver, jobs, out_file);
  // A VCD trace must be attached after elaboration and before simulation starts.
  if (!jobs.trace_file.empty()) {
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    model->open_trace(jobs.trace_file);
  }
  sc_core::sc_start();
  model->close_trace();
  util::write_file_atomic(out_file, to_json(runner.results).dump(1) + "\n");
  return 0;
}

}  // namespace
}  // namespace codesign::systemc

int sc_main(int argc, char** argv) {
  Verilated::commandArgs(argc, argv);
  try {
    return codesign::systemc::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
