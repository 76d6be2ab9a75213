// codesign: RTL-in-the-loop hardware/software co-design of neural-network accelerators.
#include <CLI/CLI.hpp>

#include "cli/agreement_command.hpp"
#include "cli/area_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/export_command.hpp"
#include "cli/import_command.hpp"
#include "cli/options.hpp"
#include "cli/regress_command.hpp"
#include "cli/report_command.hpp"
#include "cli/search_command.hpp"
#include "cli/simulate_command.hpp"
#include "cli/worker_command.hpp"

int main(int argc, char** argv) {
  using namespace codesign::cli;
  CLI::App app{"codesign: RTL-in-the-loop co-design of neural-network accelerators"};
  app.require_subcommand(1);
  Command command;  // set by the subcommand the parser selects
  add_simulate_command(app, command);
  add_agreement_command(app, command);
  add_search_command(app, command);
  add_export_command(app, command);
  add_report_command(app, command);
  add_area_command(app, command);
  add_import_command(app, command);
  add_regress_command(app, command);
  add_worker_command(app, command);
  check_numbers(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help is a "parse error" with exit code 0; every rejection is bad input.
    return app.exit(e) == 0 ? kSuccess : kBadInput;
  }
  return run_command(command);
}
