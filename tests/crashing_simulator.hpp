// A cached simulator that crashes although intact: a script that kills itself with SIGSEGV,
// stored with the checksum the build cache records, so the cache runs it instead of
// rebuilding it as damaged.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "util/hash.hpp"

namespace codesign::tests {

inline void plant_crashing_simulator(const std::string& entry) {
  std::filesystem::create_directories(entry);
  const std::string script = "#!/bin/sh\nkill -SEGV $$\n";
  std::ofstream(entry + "/sim", std::ios::trunc) << script;
  std::filesystem::permissions(entry + "/sim", std::filesystem::perms::owner_all);
  std::ofstream(entry + "/sim.fnv1a", std::ios::trunc) << util::hex64(util::fnv1a(script)) << "\n";
}

}  // namespace codesign::tests
