// JUnit XML as Jenkins and GitLab read it: one <testsuite> per accelerator variant, one
// <testcase> per case (classname, name, time); drift, a mismatch or a missing baseline is a
// <failure> whose message names the metric, its baseline, the new value and the tolerance; a
// case that could not run (build failure, crash, timeout) is an <error>; the comparison
// table goes to <system-out>. Names are unique (the suite's case names), and all text is
// escaped, control characters and invalid UTF-8 included, so any XML 1.0 parser reads it.
#pragma once

#include <string>

#include "regress/run_report.hpp"

namespace codesign::regress {

std::string junit_xml(const RunReport& run);

// Text safe in XML 1.0 content and attributes: markup characters as entities, characters
// XML 1.0 forbids (most C0 controls) as visible "\xNN", invalid UTF-8 as U+FFFD.
std::string xml_escape(const std::string& s);

}  // namespace codesign::regress
