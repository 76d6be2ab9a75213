// Benchmark of a study at scale (not a test): 10 000 realistic ResNet-50 trials written one
// transaction each, the file's size, the time to open it (which checks every page), to
// render the report and to decode every trial in full (what `search --resume` does before
// it continues).
//   usage: study_scale [--trials N] [--db FILE]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "report/study_report.hpp"
#include "search/codesign/trial_record.hpp"

int main(int argc, char** argv) {
  using namespace codesign;
  int trials = 10000;
  std::string db = (std::filesystem::temp_directory_path() / "codesign_scale.db").string();
  CLI::App app{"A study at scale: size, write cost and report time of N real trials"};
  app.add_option("--trials", trials, "trials written")->check(CLI::Range(1, 10000000));
  app.add_option("--db", db, "study file (replaced)");
  CLI11_PARSE(app, argc, argv);
  for (const char* ext : {"", "-wal", "-shm", "-lock"}) std::filesystem::remove(db + ext);
  // One real evaluation gives each stored trial its real size (24 layers with mappings).
  const mapping::Workload w =
      mapping::load_workload(std::string(CODESIGN_SOURCE_DIR) + "/configs/workloads/resnet50.json");
  const arch::HwConfig hw =
      arch::load_hw_config(std::string(CODESIGN_SOURCE_DIR) + "/configs/hw/default.json");
  const auto energy = arch::load_energy_table(arch::default_energy_table_path());
  search::MapperOptions mapper;
  mapper.budget = 50;
  const search::HwEvaluation e = search::evaluate_hw(hw, w.layers, energy, mapper);
  store::Trial t = search::to_trial(e, "bo");

  using clock = std::chrono::steady_clock;
  auto seconds = [](clock::time_point a) {
    return std::chrono::duration<double>(clock::now() - a).count();
  };
  const auto t0 = clock::now();
  {
    const auto writer = store::StudyStore::create(db, {{"identity", "{}"}});
    for (int i = 0; i < trials; ++i) {
      t.objective = e.edp_js * (1 + 0.001 * (i % 997));
      writer->add(t);
    }
  }
  const double write_s = seconds(t0);
  const auto t_open = clock::now();
  const store::StudyStore study(db, store::StudyStore::Access::kRead);
  const double open_s = seconds(t_open);
  const auto t1 = clock::now();
  const report::StudyReport r = report::study_report(study);
  const double report_s = seconds(t1);
  const auto t2 = clock::now();
  const std::size_t decoded = study.trials().size();
  const double decode_s = seconds(t2);
  std::uintmax_t bytes = 0;
  for (const char* ext : {"", "-wal"})
    if (std::filesystem::exists(db + ext)) bytes += std::filesystem::file_size(db + ext);
  std::printf(
      "| trials | JSON per trial | on disk per trial | study file | write per trial | open | "
      "report | HTML | decode all |\n|---|---|---|---|---|---|---|---|---|\n");
  std::printf(
      "| %zu | %.1f KB | %.1f KB | %.1f MB | %.3f ms | %.2f s | %.2f s | %.1f MB | %.2f s |\n",
      decoded, (t.params.dump().size() + t.result.dump().size()) / 1e3, bytes / 1e3 / trials,
      bytes / 1e6, 1e3 * write_s / trials, open_s, report_s, r.html.size() / 1e6, decode_s);
  return 0;
}
