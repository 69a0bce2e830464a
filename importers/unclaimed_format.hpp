#pragma once
// What an export that revshare does not read looks like, for the message that refuses it: a
// user who gives an Oracle Cloud cost report or a Google Cloud billing export learns what it is
// and what to export instead, rather than a list of columns it lacks (formats.md section 0).
#include <optional>
#include <string>
#include <vector>

namespace revshare::importers {

struct UnclaimedFormat {
    std::string message;  // "this looks like an Oracle Cloud (OCI) cost report, which revshare does not read"
    std::string hint;     // what to export instead
};

// nullopt when the header looks like nothing known (the generic unknown-format message then).
// `header` is normalised (normalise_header_name) and matched no claimed format.
[[nodiscard]] std::optional<UnclaimedFormat> recognise_unclaimed_format(const std::vector<std::string>& header);

}  // namespace revshare::importers
