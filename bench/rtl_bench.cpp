// Benchmark of the RTL flow (not a test): build time and peak memory of new
// configurations, simulated MAC/s at full utilisation in both dataflows, the cost of the
// activity counters and of the SV assertions, and the same GEMM natively in Eigen for the
// ratio.
//   usage: rtl_bench [--reps N] [--arrays 8,16,32] [--flow-only] [--cache DIR]
//                    [--job-dir DIR]   (prints Markdown
//   tables; bench/RESULTS.md)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <Eigen/Dense>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "systemc/rtl_runner.hpp"

namespace {

using namespace codesign;

constexpr int kStream = 2048;  // streamed length of every COMPUTE

arch::HwConfig bench_hw(int dim) {
  arch::HwConfig hw;
  hw.name = "bench";
  hw.build.rows = hw.build.cols = dim;
  hw.build.input = {static_cast<std::uint32_t>(dim * kStream), 2};
  hw.build.weight = {static_cast<std::uint32_t>(dim * kStream), 2};
  hw.build.accumulator = {static_cast<std::uint32_t>(dim * 4 * kStream), 2};
  return hw;
}

// Loads operands once, then `reps` back-to-back COMPUTEs: the array at full utilisation.
systemc::RtlJob compute_job(const arch::BuildConfig& b, arch::Dataflow df, int reps) {
  systemc::RtlJob j;
  const std::uint32_t n = static_cast<std::uint32_t>(b.rows);
  const bool os = df == arch::Dataflow::kOutputStationary;
  const std::uint32_t a_vectors = kStream, w_vectors = os ? kStream : n;
  j.dram.resize(std::size_t(a_vectors + w_vectors) * n);
  for (std::size_t i = 0; i < j.dram.size(); ++i)
    j.dram[i] = static_cast<std::uint8_t>(i * 2654435761u >> 13);
  j.program.push_back(arch::Command::load(arch::BufferId::kInput, 0, 0, a_vectors, n, 1, n));
  j.program.push_back(
      arch::Command::load(arch::BufferId::kWeight, 0, a_vectors * n, w_vectors, n, 1, n));
  j.program.push_back(arch::Command::sync());
  for (int r = 0; r < reps; ++r)
    j.program.push_back(os ? arch::Command::compute(df, 0, 0, 0, n, n, kStream, r > 0)
                           : arch::Command::compute(df, 0, 0, 0, kStream, n, n, r > 0, r > 0));
  j.program.push_back(arch::Command::sync());
  j.max_cycles = 1'000'000'000;
  return j;
}

struct Measured {
  double value = 0;      // what the measurement returns
  double aux = 0;        // a second figure it returns (simulated cycles)
  long peak_rss_kb = 0;  // largest process it started
  double cpu_s = 0;      // CPU time of the processes it started (user + system)
};

// Runs fn in a forked child, so the peak memory of the processes it starts is its own.
Measured in_child(const std::function<std::pair<double, double>()>& fn) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    const auto [value, aux] = fn();
    double out[4] = {value, aux, 0, 0};
    rusage ru{};
    ::getrusage(RUSAGE_CHILDREN, &ru);
    out[2] = static_cast<double>(ru.ru_maxrss);
    out[3] = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
             1e-6 * static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
    if (::write(fds[1], out, sizeof out) != sizeof out) ::_exit(1);
    ::_exit(0);
  }
  ::close(fds[1]);
  double in[4] = {0, 0, 0, 0};
  const bool ok = ::read(fds[0], in, sizeof in) == sizeof in;
  ::close(fds[0]);
  ::waitpid(pid, nullptr, 0);
  return ok ? Measured{in[0], in[1], static_cast<long>(in[2]), in[3]} : Measured{};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double native_macs_per_s(int dim, int reps) {
  using Mat = Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic>;
  const Mat a = Mat::Random(dim * reps, kStream), w = Mat::Random(kStream, dim);
  const auto t0 = std::chrono::steady_clock::now();
  const Mat c = a * w;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  volatile std::int32_t sink = c(0, 0);
  (void)sink;
  return double(dim) * dim * kStream * reps / s;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 3;
  std::vector<int> arrays = {8, 16, 32};
  CLI::App app{"RTL flow benchmark: build time and memory, simulation speed, counter cost"};
  app.add_option("--reps", reps, "simulation runs per point (median)")->check(CLI::Range(1, 100));
  app.add_option("--arrays", arrays, "square array sizes (builds all; simulates 16 and 32)")
      ->delimiter(',')
      ->check(CLI::Range(1, 64));
  bool flow_only = false;
  app.add_flag("--flow-only", flow_only,
               "simulate only the flow's simulator (counters on, assertions off)");
  std::string kept_cache;
  app.add_option("--cache", kept_cache,
                 "build cache to use and keep (builds found there are not timed again; for "
                 "profiling and repeated runs)");
  std::string job_dir;
  app.add_option("--job-dir", job_dir,
                 "write the simulator's job files here and keep them (to rerun or profile the "
                 "simulator alone: sim --job DIR/job.json --out FILE)");
  CLI11_PARSE(app, argc, argv);
  const std::string root = !kept_cache.empty() ? kept_cache
                                               : (std::filesystem::temp_directory_path() /
                                                  ("codesign-bench-" + std::to_string(::getpid())))
                                                     .string();
  const systemc::BuildCache cache(root);

  std::printf("| array | build s | build peak MiB |\n| --- | --- | --- |\n");
  for (int dim : arrays) {
    const arch::HwConfig hw = bench_hw(dim);
    const Measured m = in_child([&] {
      const auto r = cache.build(hw.build);
      return std::pair{r.ok ? r.seconds : -1.0, 0.0};
    });
    std::printf("| %dx%d | %.1f | %.0f |\n", dim, dim, m.value, m.peak_rss_kb / 1024.0);
    std::fflush(stdout);
  }

  std::printf(
      "\n| array | dataflow | counters | SV assertions | sim M MAC/s (median of %d) | sim M MAC "
      "per CPU s | simulated cycles | sim k cycles per CPU s | sim peak MiB | native Eigen M MAC/s "
      "| "
      "native / sim |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
      reps);
  // The flow's simulator (counters on, assertions off), and at 16x16 each of the two changed.
  struct Variant {
    bool count, assertions;
  };
  for (int dim : arrays) {
    if (dim != 16 && dim != 32) continue;
    const arch::HwConfig hw = bench_hw(dim);
    const int computes = dim == 16 ? 120 : 40;
    std::vector<double> native;
    for (int r = 0; r < reps; ++r) native.push_back(native_macs_per_s(dim, computes));
    std::vector<Variant> variants = {{true, false}};
    if (dim == 16 && !flow_only) variants.insert(variants.end(), {{false, false}, {true, true}});
    for (const auto df : {arch::Dataflow::kOutputStationary, arch::Dataflow::kWeightStationary})
      for (const Variant& v : variants) {
        systemc::RtlRunOptions options;
        options.count_activity = v.count;
        if (!job_dir.empty())
          options.work_dir = job_dir + "/" + arch::to_string(df) + (v.count ? "" : "-nocount") +
                             (v.assertions ? "-assert" : "");
        options.assertions = v.assertions;
        systemc::BuildOptions build;
        build.count_activity = v.count;
        build.assertions = v.assertions;
        cache.build(hw.build, build);
        // Wall time of the job, and CPU time of the whole simulator process (start-up
        // included), which is less sensitive to other processes on the machine.
        std::vector<double> rates, cpu_rates, cycle_rates;
        double cycles = 0;
        const double macs = double(dim) * dim * kStream * computes;
        long peak = 0;
        for (int r = 0; r < reps; ++r) {
          const Measured m = in_child([&] {
            const auto run =
                systemc::run_rtl(cache, hw, {compute_job(hw.build, df, computes)}, options);
            if (run.status != systemc::RtlStatus::kOk) return std::pair{-1.0, 0.0};
            return std::pair{macs / run.jobs[0].wall_s, double(run.jobs[0].counts.cycles)};
          });
          rates.push_back(m.value);
          cpu_rates.push_back(m.cpu_s > 0 ? macs / m.cpu_s : 0);
          cycle_rates.push_back(m.cpu_s > 0 ? m.aux / m.cpu_s : 0);
          cycles = m.aux;
          peak = std::max(peak, m.peak_rss_kb);
        }
        const double sim = median(rates), nat = median(native);
        std::printf("| %dx%d | %s | %s | %s | %.1f | %.1f | %.0f | %.1f | %.0f | %.0f | %.1f |\n",
                    dim, dim, arch::to_string(df), v.count ? "on" : "off",
                    v.assertions ? "on" : "off", sim / 1e6, median(cpu_rates) / 1e6, cycles,
                    median(cycle_rates) / 1e3, peak / 1024.0, nat / 1e6, nat / sim);
        std::fflush(stdout);
      }
  }
  if (kept_cache.empty()) std::filesystem::remove_all(root);
  return 0;
}
