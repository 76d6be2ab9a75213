// Calibration probe: for sampled agreement cases, runs every distinct SYNC-separated step of
// the compiled program on the RTL as a job of its own (from reset) and prints, per step, the
// RTL's cycles next to the program-level model's, plus the whole program's.
//   usage: timing_probe [hw_points] [cases_per_hw] [seed] [max_steps_per_case]
//          timing_probe workload HW.json WORKLOAD.json [max_steps_per_case] [MAPPINGS.json]
//          timing_probe compute ROWS COLS os|ws M N K COUNT [keep]
//          timing_probe micro COUNT LEN BYTES_PER_CYCLE LATENCY [COMMANDS] | hand
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "arch/energy.hpp"
#include "mapping/compiler.hpp"
#include "mapping/mapping_file.hpp"
#include "mapping/program_model.hpp"
#include "search/codesign/codesign_search.hpp"
#include "systemc/build_cache.hpp"
#include "systemc/rtl_runner.hpp"
#include "tb/model_agreement.hpp"

using namespace codesign;

namespace {

std::string signature(const arch::Program& p) {
  std::string s;
  for (const arch::Command& c : p) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%d/%d/%u/%u/%u/%u/%u/%d%d;", static_cast<int>(c.op),
                  static_cast<int>(c.buffer), c.count, c.vec_len, c.m, c.n, c.k, c.keep_weights,
                  static_cast<int>(c.dataflow));
    s += buf;
  }
  return s;
}

std::string describe(const arch::HwConfig& hw, const arch::Program& p) {
  int nc = 0, nl = 0, ns = 0;
  double lv = 0, lb = 0, sv = 0, sb = 0;
  for (const arch::Command& c : p) {
    if (c.op == arch::Opcode::kCompute) ++nc;
    if (c.op == arch::Opcode::kLoad) {
      ++nl;
      lv += c.count;
      lb += double(c.count) * c.vec_len * (hw.build.data_width / 8);
    }
    if (c.op == arch::Opcode::kStore) {
      ++ns;
      sv += c.count;
      sb += double(c.count) * c.vec_len * (hw.build.acc_width / 8);
    }
  }
  char buf[256];
  std::snprintf(buf, sizeof buf, "C%d L%d/%g/%g S%d/%g/%g", nc, nl, lv, lb, ns, sv, sb);
  return buf;
}

// The breakdown counters of one run, RTL's or model's, less those of a SYNC alone.
std::string breakdown(const arch::ActionCounts& a, const arch::ActionCounts& sync) {
  auto d = [](std::uint64_t x, std::uint64_t y) { return double(x) - double(y); };
  char buf[256];
  std::snprintf(buf, sizeof buf, "exec %g load %g store %g stall %g idle %g conflicts %g",
                d(a.exec_busy_cycles, sync.exec_busy_cycles),
                d(a.load_busy_cycles, sync.load_busy_cycles),
                d(a.store_busy_cycles, sync.store_busy_cycles),
                d(a.dram_stall_cycles, sync.dram_stall_cycles), d(a.idle_cycles, sync.idle_cycles),
                d(a.bank_conflict_stalls, sync.bank_conflict_stalls));
  return buf;
}

// Every distinct layer of a workload on a hardware point, with the mapper's mapping (as
// `codesign agreement --workload` picks them), or those of a mapping file.
std::vector<tb::AgreementCase> workload_cases(const std::string& hw_file,
                                              const std::string& workload_file,
                                              const char* mapping_file) {
  const arch::HwConfig hw = arch::load_hw_config(hw_file);
  if (mapping_file) {
    const mapping::Workload w = mapping::load_workload(workload_file);
    const std::vector<mapping::Layer> layers = mapping::distinct_shapes(w.layers).distinct;
    const std::vector<mapping::Mapping> m =
        mapping::load_mapping_file(mapping_file, hw.build, w, layers);
    std::vector<tb::AgreementCase> cases;
    for (std::size_t i = 0; i < layers.size(); ++i) cases.push_back({hw, layers[i], m[i], 1});
    return cases;
  }
  const arch::EnergyTable energy = arch::load_energy_table(arch::default_energy_table_path());
  const mapping::Workload w = mapping::load_workload(workload_file);
  const search::HwEvaluation e = search::evaluate_hw(
      hw, mapping::distinct_shapes(w.layers).distinct, energy, search::MapperOptions{});
  std::vector<tb::AgreementCase> cases;
  for (const search::LayerResult& l : e.layers) cases.push_back({hw, l.layer, l.best.mapping, 1});
  return cases;
}

}  // namespace

// Eighteen weight-stationary COMPUTEs of 40 rows interleaved with six input-buffer LOADs of
// 32 vectors, then twelve weight-buffer LOADs of one (tests/mapping/program_model_test.cpp).
arch::Program two_phase_program() {
  arch::Program p;
  for (std::uint32_t i = 0; i < 18; ++i) {
    p.push_back(
        arch::Command::compute(arch::Dataflow::kWeightStationary, 0, 0, 0, 40, 4, 4, i > 0, false));
    p.push_back(
        i < 6 ? arch::Command::load(arch::BufferId::kInput, 256 + 32 * i, 128 * i, 32, 4, 1, 4)
              : arch::Command::load(arch::BufferId::kWeight, 128 + i, 2048 + 4 * i, 1, 4, 1, 4));
  }
  p.push_back(arch::Command::sync());
  return p;
}

// Two input-buffer LOADs of 64 vectors and four STOREs of 16 accumulator vectors in one step
// (tests/mapping/program_model_test.cpp).
arch::Program reads_behind_writes_program() {
  arch::Program p;
  for (std::uint32_t i = 0; i < 4; ++i) {
    if (i < 2)
      p.push_back(arch::Command::load(arch::BufferId::kInput, 64 * i, 256 * i, 64, 4, 1, 4));
    p.push_back(arch::Command::store(16 * i, 1024 + 256 * i, 16, 4, 4, 16));
  }
  p.push_back(arch::Command::sync());
  return p;
}

// Two LOADs of ten 16-lane vectors wrapping across rows of 32, starting at 0 and 16 in a row:
// one read request per vector (tests/mapping/program_model_test.cpp).
arch::Program wrapped_loads_program() {
  return {
      arch::Command::load(arch::BufferId::kInput, 0, 0, 10, 16, 1, 64).wrapped(32, 0, 1024),
      arch::Command::load(arch::BufferId::kInput, 10, 2048, 10, 16, 1, 64).wrapped(32, 16, 1024),
      arch::Command::sync()};
}

// Four like steps, each a COMPUTE, a LOAD of 32 vectors and four STOREs of 16 accumulator
// vectors (288 channel cycles at 16 B/cycle): the writes each step leaves in the channel
// delay the next step's read (tests/mapping/program_model_test.cpp).
arch::Program chained_steps_program() {
  arch::Program p;
  for (std::uint32_t s = 0; s < 4; ++s) {
    for (std::uint32_t i = 0; i < 4; ++i) {
      if (i == 0) {
        p.push_back(arch::Command::compute(arch::Dataflow::kOutputStationary, 0, 0, 64 * (s % 2),
                                           16, 16, 32, false));
        p.push_back(arch::Command::load(arch::BufferId::kInput, 2048 + 32 * (s % 2), 512 * s, 32,
                                        16, 1, 16));
      }
      p.push_back(arch::Command::store(64 * (1 - s % 2) + 16 * i, 4096 + 4096 * s + 1024 * i, 16,
                                       16, 4, 64));
    }
    p.push_back(arch::Command::sync());
  }
  return p;
}

// One step of 32 COMPUTEs, 32 LOADs of 32 vectors (a round of tags each) and 32 STOREs of 16
// accumulator vectors (64 channel cycles each), interleaved: after the first ones, dispatch
// hands the store engine a STORE per LOAD (tests/mapping/program_model_test.cpp).
arch::Program paced_writes_program() {
  arch::Program p;
  for (std::uint32_t i = 0; i < 32; ++i) {
    p.push_back(
        arch::Command::compute(arch::Dataflow::kOutputStationary, 0, 0, 0, 16, 16, 32, i > 0));
    p.push_back(
        arch::Command::load(arch::BufferId::kInput, 2048 + 32 * (i % 8), 512 * i, 32, 16, 1, 16));
    p.push_back(arch::Command::store(512 + 16 * i, 16384 + 1024 * i, 16, 16, 4, 64));
  }
  p.push_back(arch::Command::sync());
  return p;
}

// Runs one program on the RTL and prints its counts next to the program-level model's.
int print_run(const arch::HwConfig& hw, const mapping::Layer& l, const char* name,
              const arch::Program& p) {
  systemc::RtlJob j;
  j.program = p;
  j.dram.assign(65536, 0);
  const systemc::RtlRun run = systemc::run_rtl(systemc::BuildCache(), hw, {j});
  if (run.status != systemc::RtlStatus::kOk) return std::printf("%s\n", run.reason.c_str()), 1;
  const arch::ActionCounts model = mapping::program_counts(hw, l, p);
  std::printf("%s: rtl %llu model %llu\n  rtl   %s\n  model %s\n", name,
              static_cast<unsigned long long>(run.jobs[0].counts.cycles),
              static_cast<unsigned long long>(model.cycles),
              breakdown(run.jobs[0].counts, {}).c_str(), breakdown(model, {}).c_str());
  return 0;
}

// The program of tests/mapping/program_model_test.cpp, on the RTL.
int hand_case() {
  arch::HwConfig hw;
  hw.build.rows = hw.build.cols = 4;
  hw.build.input = {1024, 2};
  hw.build.weight = {1024, 2};
  hw.build.accumulator = {4096, 2};
  hw.run.dram_latency_cycles = 10;
  hw.run.dram_bytes_per_cycle = 2;
  using arch::Command;
  const arch::Program p = {
      Command::load(arch::BufferId::kInput, 0, 0, 3, 4, 1, 4),
      Command::load(arch::BufferId::kWeight, 0, 0, 2, 4, 1, 4),
      Command::sync(),
      Command::compute(arch::Dataflow::kWeightStationary, 0, 0, 0, 3, 4, 2, false),
      Command::compute(arch::Dataflow::kWeightStationary, 0, 0, 0, 3, 4, 2, true, true),
      Command::store(0, 64, 3, 4, 4, 16),
      Command::sync()};
  systemc::RtlJob j;
  j.program = p;
  j.dram.assign(256, 0);
  const systemc::RtlRun run = systemc::run_rtl(systemc::BuildCache(), hw, {j});
  if (run.status != systemc::RtlStatus::kOk) return std::printf("%s\n", run.reason.c_str()), 1;
  mapping::Layer l;
  l.name = "l";
  std::printf("hand: rtl %llu model %llu\n  rtl   %s\n  model %s\n",
              static_cast<unsigned long long>(run.jobs[0].counts.cycles),
              static_cast<unsigned long long>(mapping::program_counts(hw, l, p).cycles),
              breakdown(run.jobs[0].counts, {}).c_str(),
              breakdown(mapping::program_counts(hw, l, p), {}).c_str());
  // The paced program of tests/mapping/program_model_test.cpp: COMPUTEs, tag-bound LOADs
  // and STOREs interleaved in one step.
  hw.run.dram_latency_cycles = 50;
  hw.run.dram_bytes_per_cycle = 4;
  arch::Program paced;
  for (std::uint32_t i = 0; i < 8; ++i) {
    paced.push_back(
        Command::compute(arch::Dataflow::kWeightStationary, 0, 0, 0, 2, 4, 4, i > 0, false));
    paced.push_back(Command::load(arch::BufferId::kInput, 128 + 16 * i, 64 * i, 16, 4, 1, 4));
    paced.push_back(Command::store(128, 1024 + 64 * i, 4, 4, 1, 16));
  }
  paced.push_back(Command::sync());
  j.program = paced;
  j.dram.assign(4096, 0);
  const systemc::RtlRun run_paced = systemc::run_rtl(systemc::BuildCache(), hw, {j});
  if (run_paced.status != systemc::RtlStatus::kOk)
    return std::printf("%s\n", run_paced.reason.c_str()), 1;
  std::printf("paced: rtl %llu model %llu\n  rtl   %s\n  model %s\n",
              static_cast<unsigned long long>(run_paced.jobs[0].counts.cycles),
              static_cast<unsigned long long>(mapping::program_counts(hw, l, paced).cycles),
              breakdown(run_paced.jobs[0].counts, {}).c_str(),
              breakdown(mapping::program_counts(hw, l, paced), {}).c_str());
  // The two-phase program of tests/mapping/program_model_test.cpp: large input-buffer
  // LOADs hold the COMPUTEs back, then small weight-buffer ones do not.
  hw.run.dram_latency_cycles = 100;
  hw.run.dram_bytes_per_cycle = 4;
  hw.build.input = {2048, 2};  // the LOADs write the bank the COMPUTEs do not read
  if (print_run(hw, l, "two phases", two_phase_program()) != 0) return 1;
  // The LOAD and STORE step of the same test file: tag-bound reads behind writes.
  if (print_run(hw, l, "reads behind writes", reads_behind_writes_program()) != 0) return 1;
  hw.build.input = {1024, 2};
  // Wrapped LOADs on a 16 x 16 array, 16 B/cycle, latency 10.
  {
    arch::HwConfig wide;
    wide.run.dram_latency_cycles = 10;
    wide.run.dram_bytes_per_cycle = 16;
    if (print_run(wide, l, "wrapped loads", wrapped_loads_program()) != 0) return 1;
    wide.run.dram_latency_cycles = 100;
    if (print_run(wide, l, "chained steps", chained_steps_program()) != 0) return 1;
    arch::Program one = chained_steps_program();
    one.resize(one.size() / 4);
    if (print_run(wide, l, "one of them", one) != 0) return 1;
    if (print_run(wide, l, "paced writes", paced_writes_program()) != 0) return 1;
  }
  hw.run.dram_latency_cycles = 10;
  hw.run.dram_bytes_per_cycle = 2;
  // The single tile of tests/mapping/model_test.cpp.
  hw.run.dram_bytes_per_cycle = 4;
  l.name = "one";
  l.c = 4;
  l.k = 4;
  l.w = 4;
  mapping::Mapping m;
  m.row_dim = mapping::Dim::kQ;
  m.compute_tile = {1, 1, 4, 4, 1, 4, 1, 1};
  m.buffer_tile = m.compute_tile;
  const mapping::CompiledLayer c = mapping::compile(hw.build, l, m);
  j.program = c.program;
  j.dram.assign(c.layout.total_bytes + 64, 0);
  const systemc::RtlRun run2 = systemc::run_rtl(systemc::BuildCache(), hw, {j});
  if (run2.status != systemc::RtlStatus::kOk) return std::printf("%s\n", run2.reason.c_str()), 1;
  std::printf("one tile: rtl %llu model %llu\n  rtl   %s\n  model %s\n",
              static_cast<unsigned long long>(run2.jobs[0].counts.cycles),
              static_cast<unsigned long long>(mapping::program_counts(hw, l, c.program).cycles),
              breakdown(run2.jobs[0].counts, {}).c_str(),
              breakdown(mapping::program_counts(hw, l, c.program), {}).c_str());
  return 0;
}

// One LOAD of `count` vectors of `len` bytes on a 16x16 array: RTL and model cycles.
int micro(int count, int len, double bpc, int latency, int commands) {
  arch::HwConfig hw;
  hw.run.dram_bytes_per_cycle = bpc;
  hw.run.dram_latency_cycles = latency;
  arch::Program p;
  for (int c = 0; c < commands; ++c)
    p.push_back(arch::Command::load(arch::BufferId::kInput, static_cast<std::uint32_t>(c * count),
                                    0, static_cast<std::uint32_t>(count),
                                    static_cast<std::uint32_t>(len), 1,
                                    static_cast<std::uint32_t>(len)));
  p.push_back(arch::Command::sync());
  systemc::RtlJob j;
  j.program = p;
  j.dram.assign(static_cast<std::size_t>(count * len + 64), 0);
  const systemc::RtlRun run = systemc::run_rtl(systemc::BuildCache(), hw, {j});
  if (run.status != systemc::RtlStatus::kOk) return std::printf("%s\n", run.reason.c_str()), 1;
  mapping::Layer l;
  l.name = "l";
  std::printf("%d loads of %d x %d B, %g B/cycle, latency %d: rtl %llu model %llu\n", commands,
              count, len, bpc, latency, static_cast<unsigned long long>(run.jobs[0].counts.cycles),
              static_cast<unsigned long long>(mapping::program_counts(hw, l, p).cycles));
  return 0;
}

// `count` back-to-back COMPUTEs (m x n x k, accumulating onto one block after the first) on
// a rows x cols array, operands loaded first: RTL and model cycles of the compute step, and
// the array's utilisation over it.
int compute_micro(int rows, int cols, const char* df_name, int m, int n, int k, int count,
                  bool keep) {
  arch::HwConfig hw;
  hw.build.rows = rows;
  hw.build.cols = cols;
  hw.build.input = {64 * 1024, 2};
  hw.build.weight = {64 * 1024, 2};
  hw.build.accumulator = {256 * 1024, 2};
  const arch::Dataflow df = std::string(df_name) == "ws" ? arch::Dataflow::kWeightStationary
                                                         : arch::Dataflow::kOutputStationary;
  const bool os = df == arch::Dataflow::kOutputStationary;
  const auto u = [](int v) { return static_cast<std::uint32_t>(v); };
  arch::Program p = {arch::Command::sync()};
  for (int i = 0; i < count; ++i)
    p.push_back(arch::Command::compute(df, 0, 0, 0, u(m), u(n), u(k), i > 0, !os && keep && i > 0));
  p.push_back(arch::Command::sync());
  systemc::RtlJob j;
  j.program = p;
  j.dram.assign(64, 0);
  systemc::RtlJob sync_only = j;
  sync_only.program = {arch::Command::sync(), arch::Command::sync()};
  const systemc::RtlRun run = systemc::run_rtl(systemc::BuildCache(), hw, {j, sync_only});
  if (run.status != systemc::RtlStatus::kOk) return std::printf("%s\n", run.reason.c_str()), 1;
  mapping::Layer l;
  l.name = "l";
  const double rtl = double(run.jobs[0].counts.cycles) - double(run.jobs[1].counts.cycles);
  const double model = double(mapping::program_counts(hw, l, p).cycles) -
                       double(mapping::program_counts(hw, l, sync_only.program).cycles);
  const double macs = double(count) * m * n * k;
  std::printf("%dx%d %s %d x (m %d n %d k %d)%s: rtl %g model %g cycles, utilisation %.1f%%\n",
              rows, cols, df_name, count, m, n, k, keep ? " keep" : "", rtl, model,
              100 * macs / (rtl * rows * cols));
  std::printf("  rtl   %s\n  model %s\n", breakdown(run.jobs[0].counts, run.jobs[1].counts).c_str(),
              breakdown(mapping::program_counts(hw, l, p),
                        mapping::program_counts(hw, l, sync_only.program))
                  .c_str());
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 8 && std::string(argv[1]) == "compute")
    return compute_micro(std::atoi(argv[2]), std::atoi(argv[3]), argv[4], std::atoi(argv[5]),
                         std::atoi(argv[6]), std::atoi(argv[7]), std::atoi(argv[8]),
                         argc > 9 && std::string(argv[9]) == "keep");
  if (argc > 4 && std::string(argv[1]) == "micro")
    return micro(std::atoi(argv[2]), std::atoi(argv[3]), std::atof(argv[4]), std::atoi(argv[5]),
                 argc > 6 ? std::atoi(argv[6]) : 1);
  if (argc > 1 && std::string(argv[1]) == "hand") return hand_case();
  const bool from_workload = argc > 3 && std::string(argv[1]) == "workload";
  const int hw_points = argc > 1 ? std::atoi(argv[1]) : 2;
  const int cases_per_hw = argc > 2 ? std::atoi(argv[2]) : 2;
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  const std::size_t max_steps = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 40;
  const systemc::BuildCache cache;
  const auto cases = from_workload ? workload_cases(argv[2], argv[3], argc > 5 ? argv[5] : nullptr)
                                   : tb::sample_agreement_cases(hw_points, cases_per_hw, seed);
  for (std::size_t ci = 0; ci < cases.size(); ++ci) {
    const tb::AgreementCase& c = cases[ci];
    const arch::HwConfig& hw = c.hw;
    const mapping::CompiledLayer compiled = mapping::compile(hw.build, c.layer, c.mapping);
    const std::vector<std::uint8_t> dram(compiled.layout.total_bytes + 64, 0);
    // Split into steps, keep distinct ones.
    std::vector<arch::Program> steps;
    std::map<std::string, std::size_t> seen;
    std::vector<std::size_t> step_of;
    arch::Program cur;
    for (const arch::Command& cmd : compiled.program) {
      cur.push_back(cmd);
      if (cmd.op != arch::Opcode::kSync) continue;
      const std::string sig = signature(cur);
      auto it = seen.find(sig);
      if (it == seen.end() && steps.size() < max_steps) {
        it = seen.emplace(sig, steps.size()).first;
        steps.push_back(cur);
      }
      step_of.push_back(it == seen.end() ? SIZE_MAX : it->second);
      cur.clear();
    }
    std::vector<systemc::RtlJob> jobs;
    auto job_of = [&](const arch::Program& p) {
      systemc::RtlJob j;
      j.program = p;
      j.dram = dram;
      return j;
    };
    jobs.push_back(job_of(compiled.program));
    jobs.push_back(job_of({arch::Command::sync()}));
    for (const arch::Program& s : steps) jobs.push_back(job_of(s));
    const systemc::RtlRun run = systemc::run_rtl(cache, hw, jobs);
    if (run.status != systemc::RtlStatus::kOk) {
      std::printf("case %zu: %s\n", ci, run.reason.c_str());
      continue;
    }
    const double whole_rtl = double(run.jobs[0].counts.cycles);
    const double whole_model =
        double(mapping::program_counts(hw, c.layer, compiled.program).cycles);
    const double sync_rtl = double(run.jobs[1].counts.cycles);
    const arch::ActionCounts sync_counts =
        mapping::program_counts(hw, c.layer, {arch::Command::sync()});
    const double sync_model = double(sync_counts.cycles);
    const arch::ActionCounts whole_counts = mapping::program_counts(hw, c.layer, compiled.program);
    // Read requests of the wrapped LOADs: their row segments, and the models' expectation.
    double segments = 0, expected = 0;
    const double start_step = mapping::wrap_start_step(compiled.program);
    for (const arch::Command& cmd : compiled.program)
      if (cmd.op == arch::Opcode::kLoad && cmd.wrap_len > 0) {
        segments += double(cmd.count) * cmd.segments_per_vector();
        expected +=
            mapping::Timing::load_requests(cmd.count, cmd.vec_len, cmd.wrap_len, start_step);
      }
    if (segments > 0)
      std::printf("  wrapped LOADs: %g read requests, the models take %g\n", segments, expected);
    std::printf("  whole rtl   %s\n  whole model %s\n",
                breakdown(run.jobs[0].counts, arch::ActionCounts{}).c_str(),
                breakdown(whole_counts, arch::ActionCounts{}).c_str());
    std::printf(
        "=== case %zu: %dx%d bpc %g lat %g %s %s db%d steps %zu (distinct %zu) | whole rtl %g "
        "model %g err %+.1f%% | sync rtl %g model %g\n",
        ci + 1, hw.build.rows, hw.build.cols, hw.run.dram_bytes_per_cycle,
        double(hw.run.dram_latency_cycles), c.layer.name.c_str(),
        arch::to_string(c.mapping.dataflow), c.mapping.double_buffer ? 1 : 0, step_of.size(),
        steps.size(), whole_rtl, whole_model, 100 * (whole_model - whole_rtl) / whole_rtl, sync_rtl,
        sync_model);
    // Sum of per-step times (weighted by occurrences) when every step was probed.
    std::vector<double> occurrences(steps.size(), 0);
    bool all = true;
    for (std::size_t s : step_of) {
      if (s == SIZE_MAX)
        all = false;
      else
        occurrences[s] += 1;
    }
    double sum_rtl = 0, sum_model = 0;
    for (std::size_t s = 0; s < steps.size(); ++s) {
      const double rtl = double(run.jobs[2 + s].counts.cycles) - sync_rtl;
      const double model =
          double(mapping::program_counts(hw, c.layer, steps[s]).cycles) - sync_model;
      sum_rtl += occurrences[s] * rtl;
      sum_model += occurrences[s] * model;
      if (std::getenv("PROBE_DUMP") && s == std::strtoul(std::getenv("PROBE_DUMP"), nullptr, 10))
        for (const arch::Command& cmd : steps[s])
          std::printf("    %s\n", arch::to_json(cmd).dump().c_str());
      std::printf("  step %zu x%g: %s | rtl %g model %g err %+.1f%% | conflicts %llu\n", s,
                  occurrences[s], describe(hw, steps[s]).c_str(), rtl, model,
                  rtl > 0 ? 100 * (model - rtl) / rtl : 0.0,
                  static_cast<unsigned long long>(run.jobs[2 + s].counts.bank_conflict_stalls));
      std::printf("    rtl   %s\n    model %s\n",
                  breakdown(run.jobs[2 + s].counts, run.jobs[1].counts).c_str(),
                  breakdown(mapping::program_counts(hw, c.layer, steps[s]), sync_counts).c_str());
    }
    if (all)
      std::printf("  sum of steps: rtl %g model %g (whole rtl %g)\n", sum_rtl, sum_model,
                  whole_rtl);
  }
  return 0;
}
