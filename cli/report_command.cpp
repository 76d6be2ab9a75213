#include "cli/report_command.hpp"

#include <cstdio>
#include <memory>

#include "report/study_report.hpp"
#include "util/atomic_file.hpp"
#include "util/output_paths.hpp"

namespace codesign::cli {

namespace {

struct ReportOptions {
  std::string study_file, out_file = "report.html";
};

// "report.html" -> "report" + suffix, so the CSV and JSON sit beside the page.
std::string sibling(const std::string& html, const std::string& suffix) {
  const auto dot = html.rfind('.');
  const auto slash = html.rfind('/');
  const bool ext = dot != std::string::npos && (slash == std::string::npos || dot > slash);
  return (ext ? html.substr(0, dot) : html) + suffix;
}

ExitCode run_report(const ReportOptions& o) {
  const std::string csv = sibling(o.out_file, ".trials.csv");
  const std::string json = sibling(o.out_file, ".trials.json");
  util::check_output_paths(
      {{"--study", o.study_file}},
      {{"--out", o.out_file}, {"--out (its trials CSV)", csv}, {"--out (its trials JSON)", json}});
  const store::StudyStore study(o.study_file, store::StudyStore::Access::kRead);
  const report::StudyReport r = report::study_report(study);
  util::write_files_atomic({{o.out_file, r.html}, {csv, r.csv}, {json, r.json}});
  std::printf("codesign report: %lld trials -> %s (trials: %s, %s)\n",
              static_cast<long long>(study.count()), o.out_file.c_str(), csv.c_str(), json.c_str());
  return kSuccess;
}

}  // namespace

void add_report_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Render a study as one self-contained HTML file with SVG plots (best EDP over "
      "evaluations, energy-delay Pareto front, the best design's per-layer cycles and PE "
      "utilisation, energy by component, a to-scale drawing of its array and buffers, "
      "model-vs-RTL scatters) and tables, and write every trial as CSV and JSON beside it.");
  cmd->add_option("--study", o->study_file, "study file written by codesign search")->required();
  cmd->add_option("--out", o->out_file, "HTML file to write (default report.html)");
  cmd->callback([o, &command] { command = [o] { return run_report(*o); }; });
}

}  // namespace codesign::cli
