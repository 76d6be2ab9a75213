// The JSON codecs of a case and its result: what a job file carries to a worker and what
// the worker sends back. Reading is strict (util::JsonObject): a malformed job names its key.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "regress/case_result.hpp"
#include "regress/suite.hpp"
#include "util/json_reader.hpp"

namespace codesign::regress {

nlohmann::json to_json(const Case& c);
Case case_from_json(const nlohmann::json& j, const std::string& path);

// A case as an executor job (executor/job_dir.hpp): {"kind": "regress_case", "case": ...}.
nlohmann::json case_job(const Case& c);
Case case_from_job(const nlohmann::json& job, const std::string& path);

nlohmann::json to_json(const CaseResult& r);
CaseResult case_result_from_json(const nlohmann::json& j, const std::string& path);

nlohmann::json to_json(const LayerMeasurement& l);
LayerMeasurement layer_measurement_from_json(const nlohmann::json& j, const std::string& path);

// Metrics as {"cycles": ..., "energy": ...}, the keys of to_string(Metric).
nlohmann::json metrics_to_json(const std::map<Metric, double>& m);
std::map<Metric, double> metrics_from_json(util::JsonObject o);

}  // namespace codesign::regress
