// Opening a study's file for a run: a new study is created with its identity (what defines
// its trials); a resumed one must exist and must have been started with the same inputs.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "store/study_store.hpp"

namespace codesign::study {

// Which of a study's inputs differ from this run's, each with its option and a short excerpt
// of both values, e.g. "--seed (3 in the study, 4 now)"; "" when none does.
std::string identity_difference(const nlohmann::json& stored, const nlohmann::json& now);

// Creates the study at `path` (resume false: it must not exist) or opens it for writing
// (resume true: it must exist, with the same identity). util::ConfigError otherwise, naming
// the file and what differs.
std::unique_ptr<store::StudyStore> open_study(const std::string& path, bool resume,
                                              const nlohmann::json& identity);

}  // namespace codesign::study
