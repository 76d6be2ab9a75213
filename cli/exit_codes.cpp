#include "cli/exit_codes.hpp"

#include <cstdio>
#include <exception>

#include "util/interrupt.hpp"
#include "util/json_reader.hpp"

namespace codesign::cli {

int run_command(const Command& command) {
  util::install_interrupt_handlers();
  try {
    const ExitCode code = command();
    // A signal that arrived after the last wait still ends the command as interrupted.
    util::throw_if_interrupted();
    return code;
  } catch (const util::Interrupted& e) {
    std::fprintf(stderr, "codesign: %s\n", e.what());
    return e.exit_code();
  } catch (const util::ConfigError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error: %s (a bug in codesign: please report it)\n", e.what());
    return kInternalError;
  } catch (...) {
    std::fprintf(stderr,
                 "internal error: unknown exception (a bug in codesign: please report it)\n");
    return kInternalError;
  }
}

}  // namespace codesign::cli
