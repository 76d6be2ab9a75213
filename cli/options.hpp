// What every subcommand's options share: numbers checked the same way everywhere, and the
// paths an invocation names.
#pragma once

#include <CLI/CLI.hpp>
#include <vector>

#include "util/output_paths.hpp"

namespace codesign::cli {

// Adds to every option of `app` and its subcommands, by type: floating-point values must be
// finite (no NaN or infinity, which pass any range check), unsigned integers must not be
// negative (CLI11 would take -1 as 2^64 - 1). Call once all options are added.
void check_numbers(CLI::App& app);

// The paths given with these options, each with the option's name; an option given with an
// empty value is included (util::check_output_paths refuses it), one not given is not.
std::vector<util::PathArg> paths_given(const std::vector<const CLI::Option*>& options);

}  // namespace codesign::cli
