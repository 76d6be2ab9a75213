// codesign: RTL-in-the-loop hardware/software co-design of neural-network accelerators.
#include <CLI/CLI.hpp>

#include "cli/agreement_command.hpp"
#include "cli/area_command.hpp"
#include "cli/export_command.hpp"
#include "cli/regress_command.hpp"
#include "cli/report_command.hpp"
#include "cli/search_command.hpp"
#include "cli/simulate_command.hpp"
#include "cli/worker_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"codesign: RTL-in-the-loop co-design of neural-network accelerators"};
  app.require_subcommand(1);
  codesign::cli::add_simulate_command(app);
  codesign::cli::add_agreement_command(app);
  codesign::cli::add_search_command(app);
  codesign::cli::add_export_command(app);
  codesign::cli::add_report_command(app);
  codesign::cli::add_area_command(app);
  codesign::cli::add_regress_command(app);
  codesign::cli::add_worker_command(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
