// A job's placement as the study stores it in a trial's result under "ran".
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace codesign::tests {

inline nlohmann::json placement(const std::string& job, const std::string& executor,
                                const std::string& host, const std::string& id, double wall_s,
                                bool collected) {
  return {{"job", job},   {"executor", executor}, {"host", host},
          {"job_id", id}, {"wall_s", wall_s},     {"collected", collected}};
}

}  // namespace codesign::tests
