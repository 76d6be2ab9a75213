#include "study/study_file.hpp"

#include <utility>

#include "util/json_reader.hpp"
#include "util/output_paths.hpp"

namespace codesign::study {

std::string identity_difference(const nlohmann::json& stored, const nlohmann::json& now) {
  static const std::pair<const char*, const char*> kInputs[] = {
      {"workload", "--workload"},
      {"space", "--space"},
      {"algorithm", "--algorithm"},
      {"seed", "--seed"},
      {"warmup", "--warmup"},
      {"mapper_algorithm", "--mapper-algorithm"},
      {"mapper_budget", "--mapper-budget"},
      {"leakage", "--leakage"},
      {"fidelity", "--fidelity"}};
  auto excerpt = [](const nlohmann::json& j) {
    const std::string text = j.is_null() ? "nothing" : j.dump();
    return text.size() > 40 ? text.substr(0, 37) + "..." : text;
  };
  std::string out;
  for (const auto& [key, option] : kInputs) {
    const nlohmann::json a = stored.value(key, nlohmann::json()),
                         b = now.value(key, nlohmann::json());
    if (a == b) continue;
    std::string what = option;
    if (a.is_structured() && b.is_structured()) {
      // The first place they differ, as a JSON pointer into the input.
      const std::string at = nlohmann::json::diff(a, b).at(0)["path"].get<std::string>();
      const nlohmann::json::json_pointer ptr(at);
      what += " (at " + at + ": " + excerpt(a.contains(ptr) ? a.at(ptr) : nlohmann::json()) +
              " in the study, " + excerpt(b.contains(ptr) ? b.at(ptr) : nlohmann::json()) + " now)";
    } else {
      what += " (" + excerpt(a) + " in the study, " + excerpt(b) + " now)";
    }
    out += (out.empty() ? "" : ", ") + what;
  }
  return out;
}

std::unique_ptr<store::StudyStore> open_study(const std::string& path, bool resume,
                                              const nlohmann::json& identity) {
  using Access = store::StudyStore::Access;
  const bool exists = !util::file_kind(path).empty();
  if (!resume) {
    if (!exists) return store::StudyStore::create(path, {{"identity", identity.dump()}});
    const store::StudyStore existing(path, Access::kRead);  // says what else it is
    throw util::ConfigError(path + ": a study with " + std::to_string(existing.count()) +
                            " trials exists; pass --resume to continue it, or choose another "
                            "--study");
  }
  if (!exists) throw util::ConfigError(path + ": no study to resume");
  auto study = std::make_unique<store::StudyStore>(path, Access::kWrite);
  const auto stored = study->meta("identity");
  if (!stored)
    throw util::ConfigError(path +
                            ": has no search settings (another program wrote it, or its creation "
                            "was cut short); start a new study");
  const std::string diff = identity_difference(nlohmann::json::parse(*stored), identity);
  if (!diff.empty())
    throw util::ConfigError(
        path + ": resumed with different inputs than the study was started with: " + diff +
        "; resume with the same inputs, or start a new study");
  return study;
}

}  // namespace codesign::study
