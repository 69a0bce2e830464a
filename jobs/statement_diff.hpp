#pragma once
// The rows where two renderings of a statement (or any CSV) differ, for replay and
// verify-evidence: "  row N:" then the expected and the stored line, for every row that differs.
#include <string>

namespace revshare::app {

[[nodiscard]] std::string row_diff(const std::string& expected, const std::string& stored);

}  // namespace revshare::app
